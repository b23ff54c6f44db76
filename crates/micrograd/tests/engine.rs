//! The engine's tests, through its public API. The engine itself is tangled
//! from chapter 6 of the book; these tests are written here, beside it.

use std::cell::Cell;
use std::rc::Rc;

use micrograd::Value;

/// `actual` is within `tolerance` of `expected`, relative to the size of
/// `expected` when that is larger than 1.
fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= tolerance * expected.abs().max(1.0)
}

/// The original micrograd's first test case.
#[test]
fn sanity_check() {
    let x = Value::new(-4.0);
    let z = 2.0 * &x + 2.0 + &x;
    let q = z.relu() + &z * &x;
    let h = (&z * &z).relu();
    let y = &h + &q + &q * &x;
    y.backward();
    assert!(close(y.data(), -20.0, 1e-6), "y = {y}");
    assert!(close(x.grad(), 46.0, 1e-6), "x = {x}");
}

/// The original micrograd's second test case;
/// `c += c + 1` there is a new `c` here.
#[test]
fn more_ops() {
    let a = Value::new(-4.0);
    let b = Value::new(2.0);
    let c = &a + &b;
    let d = &a * &b + b.pow(3.0);
    let c = &c + (&c + 1.0);
    let c = &c + (1.0 + &c + (-&a));
    let d = &d + (&d * 2.0 + (&b + &a).relu());
    let d = &d + (3.0 * &d + (&b - &a).relu());
    let e = &c - &d;
    let f = e.pow(2.0);
    let g = &f / 2.0;
    let g = &g + 10.0 / &f;
    g.backward();
    assert!(close(g.data(), 24.70408163265306, 1e-6), "g = {g}");
    assert!(close(a.grad(), 138.83381924198252, 1e-6), "a = {a}");
    assert!(close(b.grad(), 645.5772594752186, 1e-6), "b = {b}");
}

#[test]
fn a_value_used_twice_gets_both_shares() {
    let a = Value::new(3.0);
    (&a + &a).backward();
    assert_eq!(a.grad(), 2.0);

    let a = Value::new(3.0);
    (&a * &a).backward();
    assert_eq!(a.grad(), 6.0);

    // Chapter 5's example: d = a·b, e = a + b, f = d·e.
    let (a, b) = (Value::new(-2.0), Value::new(3.0));
    let f = (&a * &b) * (&a + &b);
    f.backward();
    assert_eq!((a.grad(), b.grad()), (-3.0, -8.0));
}

#[test]
fn equal_values_stay_separate_nodes() {
    let a = Value::new(2.0);
    let (b, c) = (&a + 1.0, &a + 1.0);
    assert_eq!(b.data(), c.data());
    let d = &b * &c;
    d.backward();
    // a, the two inputs 1.0, b, c and d: b and c are two nodes, though equal.
    assert_eq!(d.topo().len(), 6);
    assert_eq!((b.grad(), c.grad(), a.grad()), (3.0, 3.0, 6.0));
}

#[test]
fn children_are_in_operand_order() {
    let (a, b) = (Value::new(1.0).named("a"), Value::new(2.0).named("b"));
    let labels =
        |v: Value| v.children().iter().map(Value::label).collect::<Vec<_>>();
    assert_eq!(labels(&a * &b), ["a", "b"]);
    assert_eq!(labels(&b * &a), ["b", "a"]);
    assert_eq!(labels(&b + &a), ["b", "a"]);
}

/// y = (a·2)·3, with the intermediate d = a·2: ∂y/∂d = 3 and ∂y/∂a = 6.
#[test]
fn a_second_backward_needs_every_node_zeroed() {
    let a = Value::new(5.0);
    let d = &a * 2.0;
    let y = &d * 3.0;
    y.backward();
    assert_eq!((d.grad(), a.grad()), (3.0, 6.0));

    // Again, with no reset: d's grad doubles, and its step passes the doubled
    // grad on, on top of what a already had. The error compounds with depth.
    y.backward();
    assert_eq!((d.grad(), a.grad()), (6.0, 18.0));

    // Zeroing the input alone is not enough: d still holds its old grad.
    a.zero_grad();
    y.backward();
    assert_eq!((d.grad(), a.grad()), (9.0, 18.0));

    // Zeroing every node of the graph is.
    y.zero_grad_graph();
    assert!(y.topo().iter().all(|v| v.grad() == 0.0));
    y.backward();
    assert_eq!((d.grad(), a.grad()), (3.0, 6.0));
}

#[test]
fn display_and_debug_show_data_and_grad() {
    let a = Value::new(-2.0);
    a.set_grad(0.5);
    assert_eq!(a.to_string(), "Value(data=-2.0, grad=0.5)");
    assert_eq!(format!("{a:?}"), "Value(data=-2.0, grad=0.5)");
}

#[test]
fn values_add_up_with_sum() {
    let xs = [1.0, -2.0, 3.5].map(Value::new);
    let total: Value = xs.iter().sum();
    assert_eq!(total.data(), 2.5);
    // Owned values: the squares, summed, and ∂(Σx²)/∂x = 2x.
    let squares: Value = xs.iter().map(|x| x * x).sum();
    assert_eq!(squares.data(), 1.0 + 4.0 + 12.25);
    squares.backward();
    assert_eq!(
        xs.iter().map(Value::grad).collect::<Vec<_>>(),
        [2.0, -4.0, 7.0]
    );
    let nothing: Value = Vec::<Value>::new().into_iter().sum();
    assert_eq!(nothing.data(), 0.0);
}

#[test]
fn relu_passes_nan_through() {
    let a = Value::new(f64::NAN);
    let r = a.relu();
    r.backward();
    assert!(r.data().is_nan() && a.grad().is_nan(), "r = {r}, a = {a}");
    // At the corner x = 0, the slope is 0, as in micrograd.
    let z = Value::new(0.0);
    z.relu().backward();
    assert_eq!(z.grad(), 0.0);
}

const X: f64 = 1.5;
const Y: f64 = -0.5;

/// `a $op b` with a = X and b = Y, written in each of the eight ways the
/// operator allows: `Value`, `&Value` or `f64` on either side, but not two
/// `f64`s. Each comes with fresh inputs: its name, the result, and the inputs
/// that are values (a plain number has no grad to check).
macro_rules! eight_ways {
    ($op:tt) => {{
        let values = || (Value::new(X), Value::new(Y));
        let mut ways = vec![];
        let (a, b) = values();
        ways.push(("Value, Value", a.clone() $op b.clone(), Some(a), Some(b)));
        let (a, b) = values();
        ways.push(("Value, &Value", a.clone() $op &b, Some(a), Some(b)));
        let (a, _) = values();
        ways.push(("Value, f64", a.clone() $op Y, Some(a), None));
        let (a, b) = values();
        ways.push(("&Value, Value", &a $op b.clone(), Some(a), Some(b)));
        let (a, b) = values();
        ways.push(("&Value, &Value", &a $op &b, Some(a), Some(b)));
        let (a, _) = values();
        ways.push(("&Value, f64", &a $op Y, Some(a), None));
        let (_, b) = values();
        ways.push(("f64, Value", X $op b.clone(), None, Some(b)));
        let (_, b) = values();
        ways.push(("f64, &Value", X $op &b, None, Some(b)));
        ways
    }};
}

/// All 32 operator implementations: the same data and the same grads, whichever
/// kinds of operand are used. X and Y are chosen so that every result is exact.
#[test]
fn every_operator_takes_every_pair_of_operand_kinds() {
    // The operator, its eight ways, and a op b, ∂/∂a and ∂/∂b at a = X, b = Y.
    let operators = [
        ("+", eight_ways!(+), X + Y, 1.0, 1.0),
        ("-", eight_ways!(-), X - Y, 1.0, -1.0),
        ("*", eight_ways!(*), X * Y, Y, X),
        ("/", eight_ways!(/), X / Y, 1.0 / Y, -X / (Y * Y)),
    ];
    for (op, ways, data, da, db) in operators {
        for (kinds, out, a, b) in ways {
            out.backward();
            let place = format!("a {op} b with {kinds}");
            assert_eq!(out.data(), data, "{place}");
            if let Some(a) = a {
                assert_eq!(a.grad(), da, "{place}: ∂/∂a");
            }
            if let Some(b) = b {
                assert_eq!(b.grad(), db, "{place}: ∂/∂b");
            }
        }
    }
}

type Binary = fn(&Value, &Value) -> Value;

/// Every operation, some with plain numbers or owned operands; the test above
/// covers every pair of operand kinds.
const OPERATIONS: [(&str, Binary); 22] = [
    ("a + b", |a, b| a + b),
    ("a - b", |a, b| a - b),
    ("a * b", |a, b| a * b),
    ("a / b", |a, b| a / b),
    ("-a", |a, _| -a),
    ("a + 2", |a, _| a + 2.0),
    ("2 + a", |a, _| 2.0 + a),
    ("a - 2", |a, _| a - 2.0),
    ("2 - a", |a, _| 2.0 - a),
    ("a * 3", |a, _| a * 3.0),
    ("3 * a", |a, _| 3.0 * a),
    ("a / 4", |a, _| a / 4.0),
    ("4 / a", |a, _| 4.0 / a),
    ("a^2", |a, _| a.pow(2.0)),
    ("a^3", |a, _| a.pow(3.0)),
    ("a^-1", |a, _| a.pow(-1.0)),
    ("(a·a)^-2.5", |a, _| (a * a).pow(-2.5)),
    ("exp", |a, _| a.exp()),
    ("tanh", |a, _| a.tanh()),
    ("relu", |a, _| a.relu()),
    ("owned operands", |a, b| {
        (a.clone() * b.clone() - 1.0) / (b.clone() + 3.0)
    }),
    ("all at once", |a, b| (a * b).tanh() * a.exp() - -b.pow(2.0).relu() / 4.0),
];

/// The slope of `f` at `x` by the central
/// difference (f(x + h) − f(x − h)) / 2h.
fn measured(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    let h = 1e-6;
    (f(x + h) - f(x - h)) / (2.0 * h)
}

#[test]
fn every_operation_agrees_with_measured_slopes() {
    for (name, op) in OPERATIONS {
        for (x, y) in [(-1.5, 0.7), (0.3, -2.0), (2.0, 3.0), (-0.8, -1.2)] {
            let (a, b) = (Value::new(x), Value::new(y));
            op(&a, &b).backward();
            let at = |x: f64, y: f64| op(&Value::new(x), &Value::new(y)).data();
            let (da, db) =
                (measured(|x| at(x, y), x), measured(|y| at(x, y), y));
            let place = format!("{name} at a = {x}, b = {y}");
            assert!(
                close(a.grad(), da, 1e-6),
                "{place}: ∂/∂a {} but measured {da}",
                a.grad()
            );
            assert!(
                close(b.grad(), db, 1e-6),
                "{place}: ∂/∂b {} but measured {db}",
                b.grad()
            );
        }
    }
}

/// Counts its own drops: a backward rule that holds one drops it with its
/// node.
struct Counted(Rc<Cell<usize>>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

/// Dropping the output frees every node of a deep graph, by the `Drop`
/// loop's usual path: unlike the unit tests' `Weak` handles, counting drops
/// leaves every node's `Rc` to the loop alone.
#[test]
fn every_node_of_a_dropped_graph_is_freed() {
    let dropped = Rc::new(Cell::new(0));
    let mut y = Value::new(0.5);
    for _ in 0..10_000 {
        let counted = Counted(Rc::clone(&dropped));
        let same = move |_: [f64; 1]| {
            let _alive = &counted;
            [1.0]
        };
        y = (Value::custom(y.data(), [&y], "same", same) * 0.5).relu() + 1.0;
    }
    y.backward();
    assert_eq!(dropped.get(), 0);
    drop(y);
    assert_eq!(dropped.get(), 10_000);
}

// ANCHOR: million
/// A million additions deep: if `topo`, `backward` or the drop of the graph
/// recursed once per level, the test's thread would overflow its stack.
#[test]
fn a_graph_a_million_nodes_deep() {
    let x = Value::new(0.0);
    let one = Value::new(1.0);
    let mut y = x.clone();
    for _ in 0..1_000_000 {
        y = y + &one;
    }
    y.backward();
    assert_eq!(y.data(), 1_000_000.0);
    assert_eq!((x.grad(), one.grad()), (1.0, 1_000_000.0));
    drop(y);
}
// ANCHOR_END: million

/// `Value::custom` hands its slopes the operands' numbers from when the node
/// was made, the ones its result came from, even after a `set_data`.
#[test]
fn custom_slopes_see_the_numbers_the_result_came_from() {
    let a = Value::new(3.0);
    let square =
        Value::custom(a.data() * a.data(), [&a], "square", |[x]| [2.0 * x]);
    a.set_data(5.0);
    square.backward();
    assert_eq!(a.grad(), 6.0, "the slope at a = 3, where the square was taken");
}
