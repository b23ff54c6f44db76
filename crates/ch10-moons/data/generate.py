"""Writes moons.txt: the data and starting weights of micrograd's demo notebook,
and the losses of two training runs of the original.

The original micrograd (version 0.1.0, from PyPI) trains a small network on
scikit-learn's "two moons". This script makes the same 100 points and the same
337 starting parameters as the notebook, in the same way and in the same order,
runs the notebook's 100 training steps, and writes it all to moons.txt beside
this file, every float written with repr() so that it reads back to the same
bits.

It trains the network twice from those starting weights. The first run is
the original, unmodified. micrograd keeps the values a value was computed
from in a set, and walks them in the set's order when it sorts the graph for
backward. That order follows the objects' addresses in memory, and with it
goes the order in which backward adds up each gradient's shares, so the last
digits of the losses can differ from the notebook's. The second run makes one
change: each value keeps them in a tuple, in operand order, so that it does
the same operations in the same order every time, as the book's engine does.

Nothing in the book's build or tests runs this script: moons.txt is checked in.
To write it again, from the repository's root, with Python 3:

    python3 -m venv target/moons-venv
    target/moons-venv/bin/pip install micrograd==0.1.0 scikit-learn numpy
    target/moons-venv/bin/python crates/ch10-moons/data/generate.py

Training takes a few minutes per run.
"""

import os
import random

import numpy as np
from micrograd.engine import Value
from micrograd.nn import MLP
from sklearn.datasets import make_moons

# As the notebook does, in its order: seed both generators, make the data
# (from numpy's generator), then the model (from Python's).
np.random.seed(1337)
random.seed(1337)
X, y = make_moons(n_samples=100, noise=0.1)
y = y * 2 - 1
model = MLP(2, [16, 16, 1])
# As made: micrograd's biases are the integer 0.
made = [p.data for p in model.parameters()]
start = [float(value) for value in made]


def loss():
    """The notebook's loss, full batch, and its accuracy."""
    inputs = [list(map(Value, xrow)) for xrow in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum((p * p for p in model.parameters()))
    total_loss = data_loss + reg_loss
    accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
    return total_loss, sum(accuracy) / len(accuracy)


def train():
    """The notebook's training loop, from the starting weights."""
    for p, value in zip(model.parameters(), made):
        p.data = value
    steps = []
    for k in range(100):
        total_loss, acc = loss()
        model.zero_grad()
        total_loss.backward()
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        steps.append((float(total_loss.data), float(acc)))
    return steps


# As the original is, children in a set.
unmodified = train()

# The one change: children in operand order, not in a set.
set_init = Value.__init__


def init_in_order(self, data, _children=(), _op=""):
    set_init(self, data, _children, _op)
    self._prev = tuple(_children)


Value.__init__ = init_in_order
steps = train()

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "moons.txt"), "w") as out:
    out.write("# micrograd's demo: its data, starting weights and losses.\n")
    out.write("# Written by generate.py, beside this file: do not edit.\n")
    out.write("\n[points]\n# x1 x2 label\n")
    for (x1, x2), label in zip(X, y):
        out.write(f"{float(x1)!r} {float(x2)!r} {int(label)}\n")
    out.write("\n[parameters]\n")
    out.write("# each neuron's weights then its bias, layer by layer\n")
    for p in start:
        out.write(f"{p!r}\n")
    out.write("\n[steps]\n")
    out.write("# loss and accuracy at each step, children kept in order\n")
    for total, acc in steps:
        out.write(f"{total!r} {acc!r}\n")
    out.write("\n[unmodified]\n")
    out.write("# the same, by the original unmodified, children in a set\n")
    for total, acc in unmodified:
        out.write(f"{total!r} {acc!r}\n")
print(f"step 0 loss {steps[0][0]!r}, step 99 loss {steps[-1][0]!r}")
