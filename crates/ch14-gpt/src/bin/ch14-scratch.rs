use ch13_classes::data::shuffle;
use ch14_gpt::engine::{Graph, Numbers};
use ch14_gpt::model::{Gpt, loss};
use ch14_gpt::names::{encode, names, letter};
use ch14_gpt::train::{Trainer, sample};
use micrograd::tape::Tape;
use rand::{SeedableRng, rngs::Xoshiro256PlusPlus};
use std::time::Instant;

fn main() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(14);
    let mut all = names();
    shuffle(&mut all, &mut rng);
    let start = Gpt::random(&mut rng);
    println!("params {}", start.parameters().count());
    let t0 = encode(all[0]);
    println!("{} {:?}", all[0], t0);
    let l = loss(&mut Numbers, &start, &t0);
    let gv = start.map(|&w| micrograd::Value::new(w));
    let lv = loss(&mut Graph, &gv, &t0);
    println!("loss plain {l:?} value {:?} nodes {}", lv.data(), lv.topo().len());
    let mut a = Trainer::new(&start);
    let mut b = Trainer::new(&start);
    let mut tape = Tape::new();
    for i in 0..5 {
        let t = encode(all[i]);
        let x = a.step_on_values(&t);
        let y = b.step_on_tape(&mut tape, &t);
        println!("{i} {x:?} {y:?} {} tape nodes {}", x == y, tape.len());
    }
    let mut c = Trainer::new(&start);
    let now = Instant::now();
    for i in 0..20 { c.step_on_values(&encode(all[i])); }
    println!("value: {:?}/step", now.elapsed() / 20);
    let mut b = Trainer::new(&start);
    let now = Instant::now();
    let mut losses = vec![];
    for i in 0..1000 { losses.push(b.step_on_tape(&mut tape, &encode(all[i % all.len()]))); }
    println!("tape: {:?} total", now.elapsed());
    for k in 0..10 { let s = &losses[k*100..(k+1)*100]; println!("{} {:.4}", k*100, s.iter().sum::<f64>()/100.0); }
    let w = b.weights();
    for _ in 0..20 {
        let (t, _) = sample(&w, 0.5, &mut rng);
        let s: String = t[1..t.len()-1].iter().map(|&t| letter(t)).collect();
        print!("{s} ");
    }
    println!();
}
