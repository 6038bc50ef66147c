"""Formats the raw lines of bench/side-by-side as one Markdown table.

Input lines (tab-separated): MACHINE <key> <value> | NOTE <text> | RESULT <workload> <system> <metric> <value>.
PyTorch's runs before and after ours are averaged into one 'pytorch' figure (both are shown). Ratios say how many
times faster a row is than the peer: value/peer for samples/s and GFLOPS, peer/value for us/step.
"""
import sys
from collections import OrderedDict

LOWER_IS_BETTER = {"us/step"}


def main(path):
    machine, notes, results = OrderedDict(), [], OrderedDict()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "MACHINE" and len(fields) >= 3:
                machine[fields[1]] = fields[2]
            elif fields[0] == "NOTE":
                notes.append(fields[1])
            elif fields[0] == "RESULT" and len(fields) >= 5:
                workload, system, metric, value = fields[1:5]
                results.setdefault(workload, OrderedDict())[system] = (metric, value)
    for key, value in machine.items():
        print(f"- {key}: {value}")
    for note in notes:
        print(f"- {note}")
    print()
    print("| workload | system | value | unit | × PyTorch | × DL4J | × raw ND4J |")
    print("|---|---|---|---|---|---|---|")
    for workload, systems in results.items():
        numbers = {}
        for system, (metric, value) in systems.items():
            try:
                numbers[system] = float(value)
            except ValueError:
                pass
        torch_runs = [numbers[s] for s in ("pytorch (before)", "pytorch (after)", "pytorch") if s in numbers]
        peers = {
            "pytorch": sum(torch_runs) / len(torch_runs) if torch_runs else None,
            "dl4j": numbers.get("dl4j"),
            "nd4j-raw": numbers.get("nd4j-raw"),
        }
        for system, (metric, value) in systems.items():
            if system not in numbers:
                print(f"| {workload} | {system} | {metric} | | | | |")
                continue
            ratios = []
            for peer in ("pytorch", "dl4j", "nd4j-raw"):
                base = peers[peer]
                if base is None or system.startswith(peer) or base == 0 or numbers[system] == 0:
                    ratios.append("")
                else:
                    ratio = base / numbers[system] if metric in LOWER_IS_BETTER else numbers[system] / base
                    ratios.append(f"{ratio:.2f}")
            print(f"| {workload} | {system} | {format_value(numbers[system])} | {metric} | " + " | ".join(ratios)
                  + " |")


def format_value(value):
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


if __name__ == "__main__":
    main(sys.argv[1])
