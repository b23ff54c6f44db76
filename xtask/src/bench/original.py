"""Times one training step of the original micrograd's two-moons demo.

`cargo xtask bench` writes this script under target/ and runs it, twice, with
the Python of a virtual environment that holds micrograd 0.1.0 from PyPI:

    python original.py MOONS_TXT STEPS MODE

MOONS_TXT is chapter 10's data file (the demo's 100 points, as Python floats,
and its 337 starting parameters); MODE is `default` (Python's collector as it
comes) or `tuned`: the collector's automatic runs switched off
(gc.disable()), everything made before the steps moved out of its sight
(gc.freeze()), and one gc.collect() at the end of every step, timed as part
of the step. A step's graph cannot be freed without the collector (each
value's backward closure refers to the value itself: a reference cycle), and
the Rust engines' times include freeing theirs, so the collect counts.
Without gc.disable(), the automatic runs during the step, each walking the
growing graph, cost most of what the default collector does.

A step is the notebook's: the loss over all 100 points (building the inputs,
the scores, the hinge losses, the regularization and the accuracy), zero_grad,
backward, and the update. It runs two untimed steps, then STEPS timed ones,
and prints one line, comma-separated:

    python,MODE,<median ms per step>,<nodes in one step's graph>

The values are the original's own, unchanged: each keeps its operands in a
set, as micrograd 0.1.0 does.
"""

import gc
import statistics
import sys
import time

from micrograd.engine import Value
from micrograd.nn import MLP


def read(path):
    """The points, labels and starting parameters of the data file."""
    sections = {}
    section = None
    with open(path) as lines:
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                section = sections.setdefault(line.strip("[]"), [])
                continue
            section.append(line.split())
    X = [[float(x1), float(x2)] for x1, x2, _ in sections["points"]]
    y = [int(label) for _, _, label in sections["points"]]
    parameters = [float(p) for (p,) in sections["parameters"]]
    return X, y, parameters


def nodes(root):
    """How many values the graph below `root` holds, `root` included."""
    seen = {id(root)}
    stack = [root]
    while stack:
        for child in stack.pop()._prev:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return len(seen)


def main():
    path, steps, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if mode not in ("default", "tuned"):
        sys.exit(f"unknown mode {mode!r}: give `default` or `tuned`")
    X, y, start = read(path)
    model = MLP(2, [16, 16, 1])
    parameters = model.parameters()
    if len(parameters) != len(start):
        sys.exit(f"{len(start)} starting parameters for {len(parameters)}")
    for p, value in zip(parameters, start):
        p.data = value

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

    count = nodes(loss()[0])
    gc.collect()
    if mode == "tuned":
        gc.disable()
        gc.freeze()
    times = []
    for k in range(2 + steps):
        started = time.perf_counter()
        total_loss, acc = loss()
        model.zero_grad()
        total_loss.backward()
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        if mode == "tuned":
            # The graph of this step is garbage from here on: free it.
            del total_loss
            gc.collect()
        elapsed = time.perf_counter() - started
        if k >= 2:
            times.append(elapsed)
    print(f"python,{mode},{statistics.median(times) * 1000:.3f},{count}")


main()
