//! The tests of `micrograd::nn`, through its public API.
#![cfg(feature = "nn")]

use std::convert::Infallible;

use micrograd::Value;
use micrograd::nn::{Activation, Layer, Mlp, Module, Neuron, uniform};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{SeedableRng, TryRng};

fn rng() -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(8)
}

/// The lecture's four samples, and the output wanted for each.
const XS: [[f64; 3]; 4] =
    [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]];
const YS: [f64; 4] = [1.0, -1.0, -1.0, 1.0];

/// The lecture's loss: Σ (prediction − target)² over the four samples.
fn loss(net: &Mlp) -> Value {
    XS.iter().zip(YS).map(|(x, y)| (net.predict(x) - y).pow(2.0)).sum()
}

/// `actual` is within `tolerance` of `expected`, relative to the size of
/// `expected` when that is larger than 1.
fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= tolerance * expected.abs().max(1.0)
}

#[test]
fn parameter_counts() {
    for (nin, nouts, count) in [
        (3, &[4, 4, 1][..], 41),
        (2, &[2, 1], 9),
        (1, &[1], 2),
        (4, &[3], 15),
        (5, &[1, 1, 1], 10),
        (2, &[16, 16, 1], 337),
    ] {
        let net = Mlp::new(nin, nouts, &mut rng());
        assert_eq!(net.parameters().len(), count, "MLP({nin}, {nouts:?})");
    }
    let layer = Layer::new(3, 4, Activation::Tanh, &mut rng());
    assert_eq!((layer.nin(), layer.nout()), (3, 4));
    assert_eq!(layer.parameters().len(), 16);
}

/// Each neuron's weights, then its bias, neuron after neuron, layer after
/// layer; and drawn from the generator in that same order.
#[test]
fn parameters_in_micrograd_order_and_drawn_in_that_order() {
    let net = Mlp::new(3, &[4, 4, 1], &mut rng());
    let mut draws = rng();
    for p in net.parameters() {
        assert_eq!(p.data(), uniform(&mut draws));
    }
    let by_hand: Vec<Value> = net
        .layers()
        .iter()
        .flat_map(Layer::neurons)
        .flat_map(|n| n.weights().iter().chain([n.bias()]).cloned())
        .collect();
    // The same nodes: data set through one list shows through the other.
    for (i, p) in net.parameters().iter().enumerate() {
        p.set_data(i as f64);
    }
    let data: Vec<f64> = by_hand.iter().map(Value::data).collect();
    assert_eq!(data, (0..41).map(|i| i as f64).collect::<Vec<_>>());
}

#[test]
fn zero_grad_zeroes_every_parameter() {
    let net = Mlp::new(3, &[4, 4, 1], &mut rng());
    loss(&net).backward();
    let parameters = net.parameters();
    assert!(parameters.iter().all(|p| p.grad() != 0.0));
    net.zero_grad();
    assert!(parameters.iter().all(|p| p.grad() == 0.0));

    // The default method works the same for a neuron.
    let neuron = Neuron::new(2, Activation::Tanh, &mut rng());
    neuron.forward(&[Value::new(1.0), Value::new(2.0)]).backward();
    assert!(neuron.parameters().iter().all(|p| p.grad() != 0.0));
    neuron.zero_grad();
    assert!(neuron.parameters().iter().all(|p| p.grad() == 0.0));
}

/// Every parameter's grad of the four-sample loss, against the central
/// difference (loss(p + h) − loss(p − h)) / 2h with h = 10⁻⁶.
fn check_every_grad(net: &Mlp) {
    loss(net).backward();
    let h = 1e-6;
    for (i, p) in net.parameters().iter().enumerate() {
        let data = p.data();
        p.set_data(data + h);
        let up = loss(net).data();
        p.set_data(data - h);
        let down = loss(net).data();
        p.set_data(data);
        let measured = (up - down) / (2.0 * h);
        assert!(
            close(p.grad(), measured, 1e-6),
            "parameter {i}: grad {}, measured {measured}",
            p.grad()
        );
    }
}

#[test]
fn every_grad_agrees_with_a_central_difference() {
    check_every_grad(&Mlp::new(3, &[4, 4, 1], &mut rng()));
    check_every_grad(&Mlp::with_activations(
        3,
        &[4, 4, 1],
        Activation::Relu,
        Activation::Linear,
        &mut rng(),
    ));
}

/// Plain gradient descent on the lecture's data, zeroing the grads at
/// each step; the loss must fall below 0.01.
#[test]
fn training_brings_the_loss_below_a_hundredth() {
    let net = Mlp::new(3, &[4, 4, 1], &mut rng());
    let mut last = f64::INFINITY;
    for _ in 0..1000 {
        let loss = loss(&net);
        last = loss.data();
        if last < 0.01 {
            break;
        }
        net.zero_grad();
        loss.backward();
        for p in net.parameters() {
            p.set_data(p.data() - 0.05 * p.grad());
        }
    }
    assert!(last < 0.01, "the loss is still {last}");
}

/// b + w₀x₀ + w₁x₁ + …, added from the left: the same bits as micrograd.
#[test]
fn a_neuron_adds_from_its_bias_left_to_right() {
    let x = [0.1, -2.3, 0.7, 1.9, -0.4];
    let inputs = x.map(Value::new);
    for activation in [Activation::Linear, Activation::Tanh, Activation::Relu] {
        let neuron = Neuron::new(5, activation, &mut rng());
        assert_eq!(neuron.activation(), activation);
        let w: Vec<f64> = neuron.weights().iter().map(Value::data).collect();
        let mut sum = neuron.bias().data();
        for (w, x) in w.iter().zip(x) {
            sum += w * x;
        }
        let expected = match activation {
            Activation::Linear => sum,
            Activation::Tanh => sum.tanh(),
            Activation::Relu => sum.max(0.0),
        };
        assert_eq!(neuron.forward(&inputs).data(), expected, "{activation:?}");
    }
    // The graph's shape: the first operand of each sum is the sum before it,
    // down to the bias itself.
    let neuron = Neuron::new(5, Activation::Linear, &mut rng());
    let mut node = neuron.forward(&inputs);
    for _ in 0..5 {
        assert_eq!(node.op(), "+");
        node = node.children()[0].clone();
    }
    assert_eq!((node.op(), node.data()), ("", neuron.bias().data()));
}

#[test]
fn relu_hidden_layers_and_a_linear_output() {
    let net = Mlp::with_activations(
        2,
        &[16, 16, 1],
        Activation::Relu,
        Activation::Linear,
        &mut rng(),
    );
    // Each layer's activations, neuron by neuron.
    let activations: Vec<Vec<Activation>> = net
        .layers()
        .iter()
        .map(|layer| layer.neurons().iter().map(Neuron::activation).collect())
        .collect();
    use Activation::{Linear, Relu};
    assert_eq!(activations, [vec![Relu; 16], vec![Relu; 16], vec![Linear]]);
}

#[test]
fn numbers_and_values_give_the_same_outputs() {
    let net = Mlp::new(3, &[4, 2], &mut rng());
    let x = [2.0, 3.0, -1.0];
    let values = x.map(Value::new);
    let data = |outputs: Vec<Value>| -> Vec<f64> {
        outputs.iter().map(Value::data).collect()
    };
    let from_numbers = data(net.forward(&x));
    assert_eq!(from_numbers.len(), 2);
    assert_eq!(data(net.forward(&values)), from_numbers);
    let references: Vec<&Value> = values.iter().collect();
    assert_eq!(data(net.forward(&references)), from_numbers);
    // Values given as inputs are nodes of the graph: they get grads.
    net.forward(&values)[0].backward();
    assert!(values.iter().all(|v| v.grad() != 0.0));

    let one = Mlp::new(3, &[4, 1], &mut rng());
    assert_eq!(one.predict(&x).data(), one.forward(&x)[0].data());
}

/// Bits in, the uniform number out: the formula at its ends and middle.
#[test]
fn uniform_is_made_from_the_top_53_bits() {
    struct Bits(u64);
    impl TryRng for Bits {
        type Error = Infallible;
        fn try_next_u32(&mut self) -> Result<u32, Infallible> {
            unreachable!("uniform draws 64 bits")
        }
        fn try_next_u64(&mut self) -> Result<u64, Infallible> {
            Ok(self.0)
        }
        fn try_fill_bytes(&mut self, _: &mut [u8]) -> Result<(), Infallible> {
            unreachable!("uniform draws 64 bits")
        }
    }
    assert_eq!(uniform(&mut Bits(0)), -1.0);
    assert_eq!(uniform(&mut Bits(1 << 63)), 0.0);
    assert_eq!(uniform(&mut Bits(u64::MAX)), 1.0 - 2f64.powi(-52));
    // The low 11 bits are not used.
    assert_eq!(uniform(&mut Bits(0x7ff)), -1.0);

    let mut rng = rng();
    let draws: Vec<f64> = (0..10_000).map(|_| uniform(&mut rng)).collect();
    assert!(draws.iter().all(|u| (-1.0..1.0).contains(u)));
    let mean = draws.iter().sum::<f64>() / draws.len() as f64;
    assert!(mean.abs() < 0.05, "mean {mean}");
}

// Too few inputs to a network: chapter 8's own test, in ch08-mlp.

#[test]
#[should_panic(expected = "the network takes 3 inputs but was given 4")]
fn a_network_refuses_too_many_inputs() {
    Mlp::new(3, &[4, 4, 1], &mut rng()).predict(&[2.0, 3.0, -1.0, 0.5]);
}

#[test]
#[should_panic(expected = "a layer with 3 inputs was given 2")]
fn a_layer_refuses_the_wrong_number_of_inputs() {
    let layer = Layer::new(3, 4, Activation::Tanh, &mut rng());
    layer.forward(&[Value::new(1.0), Value::new(2.0)]);
}

#[test]
#[should_panic(expected = "a neuron with 3 inputs was given 4")]
fn a_neuron_refuses_the_wrong_number_of_inputs() {
    let neuron = Neuron::new(3, Activation::Tanh, &mut rng());
    neuron.forward(&[1.0, 2.0, 3.0, 4.0].map(Value::new));
}

#[test]
#[should_panic(expected = "a network needs at least one layer")]
fn a_network_without_layers_is_refused() {
    Mlp::new(3, &[], &mut rng());
}

#[test]
#[should_panic(
    expected = "every layer needs at least one neuron, but layer 2 of \
                [4, 0, 1] has none"
)]
fn a_network_with_an_empty_layer_is_refused() {
    Mlp::new(3, &[4, 0, 1], &mut rng());
}

#[test]
#[should_panic(expected = "a network needs at least one input")]
fn a_network_without_inputs_is_refused() {
    Mlp::new(0, &[4, 1], &mut rng());
}

#[test]
#[should_panic(expected = "a layer needs at least one neuron")]
fn an_empty_layer_is_refused() {
    Layer::new(3, 0, Activation::Tanh, &mut rng());
}

#[test]
#[should_panic(expected = "a neuron needs at least one input")]
fn a_neuron_without_inputs_is_refused() {
    Neuron::new(0, Activation::Tanh, &mut rng());
}

#[test]
#[should_panic(expected = "predict needs one output; this network has 2")]
fn predict_refuses_a_network_with_two_outputs() {
    Mlp::new(3, &[4, 2], &mut rng()).predict(&[2.0, 3.0, -1.0]);
}
