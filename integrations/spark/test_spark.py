"""The Spark job against one CLI process: PySpark in local mode (local[2]) over a generated
catalogue gives exactly the same per-item records as `jitjic … --items` over the whole file.

    python integrations/spark/test_spark.py --binary target/release/jitjic

Run by `./dev test` (its Spark layer), which installs Java and a pinned pyspark first.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import jitjic_spark  # noqa: E402


def catalogue(folder, n, replications):
    """The catalogue preset's header and its items repeated to n, each named apart."""
    with open(os.path.join(ROOT, "presets", "catalogue.json")) as f:
        preset = json.load(f)
    items = preset.pop("items")
    preset["settings"]["replications"] = replications
    header = os.path.join(folder, "header.json")
    with open(header, "w") as f:
        json.dump(preset, f)
    lines = os.path.join(folder, f"items-{n}.jsonl")
    with open(lines, "w") as f:
        for i in range(n):
            item = dict(items[i % len(items)], name=f"SKU {i}")
            f.write(json.dumps(item) + "\n")
            if i % 97 == 50:
                f.write("\n")  # blank lines are not records
    return header, lines


def by_position(text_lines):
    out = {}
    for line in text_lines:
        record = json.loads(line)
        position = record.pop("position")
        record.pop("line")  # the line within the piece a process read
        assert position not in out, f"position {position} twice"
        out[position] = record
    return out


def one_process(binary, command, header, lines, extra):
    done = subprocess.run(
        [binary, command, header, "--items", lines, *extra], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return by_position(done.stdout.splitlines())


def check(binary, folder, command, n, replications, partitions, extra_args):
    header, lines = catalogue(folder, n, replications)
    started = time.time()
    whole = one_process(binary, command, header, lines, extra_args)
    alone = time.time() - started
    out = os.path.join(folder, f"out-{command}")
    started = time.time()
    job = ["--binary", binary, "--header", header, "--catalogue", lines, "--out", out,
           "--command", command, "--partitions", str(partitions), "--master", "local[2]"]
    if extra_args:
        job += extra_args
    jitjic_spark.main(job)
    on_spark = time.time() - started
    parts = sorted(glob.glob(os.path.join(out, "records", "part-*")))
    assert len(parts) >= partitions, f"{len(parts)} parts for {partitions} partitions"
    got = by_position(line for p in parts for line in open(p) if line.strip())
    assert sorted(got) == list(range(n)), "every item once, at its position"
    assert got == whole, "the same records as one process"
    print(f"  {command}: {n} items in {len(parts)} partitions: the same records as one process "
          f"({alone:.1f} s alone, {on_spark:.1f} s on Spark local[2] with its start)")
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    args = p.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as folder:
        out = check(binary, folder, "simulate", 300, 20, 4, [])
        check(binary, folder, "optimise", 24, 20, 3, ["--points", "9"])
        # The Parquet copy holds the same records.
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.master("local[2]").appName("jitjic-check").getOrCreate()
        table = spark.read.parquet(os.path.join(out, "parquet"))
        positions = sorted(r.position for r in table.select("position").collect())
        spark.stop()
        assert positions == list(range(300)), "Parquet: every item once"
        print("  parquet: 300 rows, one per position")
    print("spark: all checks passed")


if __name__ == "__main__":
    main()
