"""How fast a catalogue runs: one `jitjic … --items` process on both cores, for 1,000 and
10,000 items, and the same catalogue on Spark in local mode (local[2]) for its overhead.
Not a test: it prints figures for a note.

    python integrations/spark/bench.py --binary target/release/jitjic [--sizes 1000,10000]
        [--replications 100] [--command simulate] [--spark-size 1000]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jitjic_spark  # noqa: E402
from test_spark import catalogue  # noqa: E402


def policy_days(binary, header, items):
    """The work `jitjic validate` counts for the catalogue's items as one file (at most 1,000
    items a file, so counted on the first 1,000 and scaled)."""
    with open(header) as f:
        doc = json.load(f)
    with open(items) as f:
        lines = [json.loads(l) for l in f if l.strip()]
    n = len(lines)
    doc["items"] = lines[:1000]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(doc, f)
    out = subprocess.run([binary, "validate", f.name], capture_output=True, text=True).stdout
    os.unlink(f.name)
    for line in out.splitlines():
        if line.startswith("work: simulate:"):
            words = line.split()
            number, unit = float(words[2]), words[3]
            scale = {"thousand": 1e3, "million": 1e6, "billion": 1e9}.get(unit, 1)
            return number * scale * n / min(n, 1000)
    return float("nan")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--sizes", default="1000,10000")
    p.add_argument("--replications", type=int, default=100)
    p.add_argument("--command", default="simulate", choices=["simulate", "optimise"])
    p.add_argument("--spark-size", type=int, default=1000)
    args = p.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as folder:
        for n in [int(s) for s in args.sizes.split(",")]:
            header, items = catalogue(folder, n, args.replications)
            started = time.time()
            done = subprocess.run([binary, args.command, header, "--items", items],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            seconds = time.time() - started
            assert done.returncode == 0, done.stderr
            days = policy_days(binary, header, items) if args.command == "simulate" else float("nan")
            print(f"one process, {n} items x {args.replications} replications ({args.command}): "
                  f"{seconds:.1f} s, {n / seconds:.0f} items/s, "
                  f"{days / seconds / 1e6:.1f} M policy-days/s (validate's count)")
        n = args.spark_size
        header, items = catalogue(folder, n, args.replications)
        started = time.time()
        subprocess.run([binary, args.command, header, "--items", items],
                       stdout=subprocess.DEVNULL, check=False)
        alone = time.time() - started
        started = time.time()
        jitjic_spark.main(["--binary", binary, "--header", header, "--catalogue", items,
                           "--out", os.path.join(folder, "spark"), "--command", args.command,
                           "--master", "local[2]", "--partitions", "4"])
        on_spark = time.time() - started
        print(f"Spark local[2], {n} items in 4 partitions: {on_spark:.1f} s against {alone:.1f} s "
              f"alone ({on_spark - alone:.1f} s of Spark: its start, numbering the lines, "
              f"writing text and Parquet)")


if __name__ == "__main__":
    main()
