"""PyTorch's side of bench/side-by-side: W1 (MLP training), W2 (XOR step), W3 (GEMM), W4 (CNN training).

Prints one line per result, tab-separated, as dev.backprop.bench.Workloads does:
    RESULT <workload> pytorch <metric> <value>
Usage: torch_workloads.py w1|w2|w3|w4 [--epochs N --samples N] [--window SECONDS]
"""
import argparse
import os
import statistics
import sys
import time

import torch

SHAPES = [  # label, transpose a, transpose b, m, n, k (as dev.backprop.bench.GemmShape)
    ("1024x1024*1024x1024", False, False, 1024, 1024, 1024),
    ("128x784*784x256", False, False, 128, 256, 784),
    ("(128x784)T*128x256", True, False, 784, 256, 128),
    ("128x256*(784x256)T", False, True, 128, 784, 256),
]


def report(workload, metric, value):
    print(f"RESULT\t{workload}\tpytorch\t{metric}\t{value:.4g}", flush=True)


def nanos_per_operation(operation, warmup, window, windows=7):
    """After a warm-up, the median of timed windows (as dev.backprop.bench.Timing)."""
    def run_for(seconds):
        start = time.perf_counter_ns()
        count = 0
        while True:
            operation()
            count += 1
            elapsed = time.perf_counter_ns() - start
            if elapsed >= seconds * 1e9:
                return elapsed / count
    run_for(warmup)
    return statistics.median(run_for(window) for _ in range(windows))


def w1(epochs, samples):
    """784-256-128-10 MLP, ReLU, softmax cross-entropy, Adam 1e-3, batch 128, float32, random data."""
    torch.manual_seed(3)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                                torch.nn.ReLU(), torch.nn.Linear(128, 10))
    train("W1 MLP", model, torch.rand(samples, 784), epochs, samples)


def w4(epochs, samples):
    """The CNN of bp train fashion-mnist --arch cnn: conv 32 3x3 pad 1, ReLU, max-pool 2, conv 64 3x3 pad 1,
    ReLU, max-pool 2, flatten, dense 128 ReLU, dense 10; softmax cross-entropy, Adam 1e-3, batch 128, float32."""
    torch.manual_seed(3)
    nn = torch.nn
    model = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
    train("W4 CNN", model, torch.rand(samples, 1, 28, 28), epochs, samples)


def train(workload, model, x, epochs, samples):
    y = torch.randint(0, 10, (samples,))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    rates = []
    for epoch in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(samples)
        for i in range(0, samples, 128):
            idx = order[i:i + 128]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        rate = samples / (time.perf_counter() - start)
        rates.append(rate)
        print(f"epoch {epoch + 1}: {rate:.0f} samples/s", file=sys.stderr, flush=True)
    report(workload + " epoch 1", "samples/s", rates[0])
    report(workload + " steady", "samples/s", statistics.median(rates[1:]) if len(rates) > 1 else rates[0])


def w2(window):
    """XOR 2-5-1, sigmoid, MSE, gradient descent lr 2, the four rows as one batch: one step."""
    for dtype, name in ((torch.float32, "float32"), (torch.float64, "float64")):
        torch.manual_seed(7)
        x = torch.tensor([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=dtype)
        y = torch.tensor([[0], [1], [1], [0]], dtype=dtype)
        model = torch.nn.Sequential(torch.nn.Linear(2, 5), torch.nn.Sigmoid(), torch.nn.Linear(5, 1),
                                    torch.nn.Sigmoid()).to(dtype)
        optimizer = torch.optim.SGD(model.parameters(), lr=2.0)
        loss_fn = torch.nn.MSELoss()

        def step():
            optimizer.zero_grad(set_to_none=True)
            loss_fn(model(x), y).backward()
            optimizer.step()
        report(f"W2 XOR step {name}", "us/step", nanos_per_operation(step, 4 * window, window) / 1e3)


def w3(window):
    """torch.mm into a preallocated result, float32 then float64 (the order of Workloads)."""
    for dtype, name in ((torch.float32, "float32"), (torch.float64, "float64")):
        for label, ta, tb, m, n, k in SHAPES:
            g = torch.Generator().manual_seed(42)
            a = torch.rand((k, m) if ta else (m, k), generator=g, dtype=dtype) * 2 - 1
            b = torch.rand((n, k) if tb else (k, n), generator=g, dtype=dtype) * 2 - 1
            a_op = a.t() if ta else a
            b_op = b.t() if tb else b
            c = torch.empty(m, n, dtype=dtype)
            nanos = nanos_per_operation(lambda: torch.mm(a_op, b_op, out=c), 4 * window, window)
            report(f"W3 {label} {name}", "GFLOPS", 2.0 * m * n * k / nanos)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("workload", choices=["w1", "w2", "w3", "w4"])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--samples", type=int, default=55000)
    parser.add_argument("--window", type=float, default=0.3)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.workload == "w1":
        w1(args.epochs, args.samples)
    elif args.workload == "w4":
        w4(args.epochs, args.samples)
    elif args.workload == "w2":
        w2(args.window)
    else:
        w3(args.window)


if __name__ == "__main__":
    main()
