"""The Spark job against one CLI process: PySpark in local mode (local[2]) over a generated
catalogue gives exactly the same per-item records as `jitjic … --items` over the whole file.

    python integrations/spark/test_spark.py --binary target/release/jitjic

Run by `./dev test` (its Spark layer), which installs Java and a pinned pyspark first.
"""

import argparse
import glob
import json
import math
import os
import statistics
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
    # The job's --portfolio is the CLI's --for-portfolio (and a second step).
    cli_args = ["--for-portfolio" if a == "--portfolio" else a for a in extra_args]
    whole = one_process(binary, command, header, lines, cli_args)
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
    if "--portfolio" in extra_args:
        check_portfolio(binary, folder, out, header, lines, whole)
    return out


def check_portfolio(binary, folder, out, header, lines, records):
    """The Spark job's portfolio against one process's, and against sums worked here."""
    parts = sorted(glob.glob(os.path.join(out, "portfolio", "part-*")))
    spark_doc = json.loads("".join(open(p).read() for p in parts))
    # One process over its own records.
    done = subprocess.run(
        [binary, "optimise", header, "--items", lines, "--points", "9", "--for-portfolio"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    alone = subprocess.run([binary, "portfolio", "-"], input=done.stdout, capture_output=True, text=True)
    assert alone.returncode == 0, alone.stderr
    assert json.loads(alone.stdout) == spark_doc, "the same portfolio as one process, to the bit"
    # The whole catalogue as one scenario file: the same totals, classes and curve.
    with open(header) as f:
        doc = json.load(f)
    doc["items"] = [json.loads(l) for l in open(lines) if l.strip()]
    whole_file = os.path.join(folder, "whole.json")
    with open(whole_file, "w") as f:
        json.dump(doc, f)
    done = subprocess.run([binary, "optimise", whole_file, "--points", "9"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    file_portfolio = json.loads(done.stdout)["portfolio"]
    for total in ("jit_everywhere", "jic_everywhere", "each_at_its_optimum"):
        assert spark_doc[total] == file_portfolio[total], total
    curve = [spark_doc["exchange_curve"]["start"], *spark_doc["exchange_curve"]["steps"]]
    assert [(p["cash_tied_up"], p["total_cost_per_year"]) for p in curve] == [
        (p["cash_tied_up"], p["total_cost_per_year"]) for p in file_portfolio["exchange_curve"]
    ], "the exchange curve"
    keys = ("item", "abc", "xyz", "yearly_value", "demand_cv", "stance")
    assert [[c[k] for k in keys] for c in spark_doc["classes"]] == [
        [c[k] for k in keys] for c in file_portfolio["classes"]
    ], "the classes"
    assert spark_doc["cells"] == file_portfolio["cells"], "the cells"
    # Worked here from the records' own costs: each replication's total with Python's
    # math.fsum (correctly rounded, as the engine's exact sums are), then mean and SE.
    shares = [r["portfolio"] for r in records.values() if "portfolio" in r]
    assert spark_doc["items"] == len(shares)
    for total, key in (("jit_everywhere", "jit"), ("jic_everywhere", "jic"), ("each_at_its_optimum", "optimum")):
        per_replication = [math.fsum(s[key]["cost_by_replication"][r] for s in shares)
                           for r in range(spark_doc["replications"])]
        mean = statistics.fmean(per_replication)
        se = statistics.stdev(per_replication) / math.sqrt(len(per_replication))
        got = spark_doc[total]["total_cost_per_year"]
        assert math.isclose(got["mean"], mean, rel_tol=1e-12), (total, got, mean)
        assert math.isclose(got["se"], se, rel_tol=1e-9), (total, got, se)
        cash = math.fsum(s[key]["cash_tied_up"] for s in shares)
        assert spark_doc[total]["cash_tied_up"] == cash, (total, "cash, correctly rounded")
    print(f"  portfolio: {len(shares)} items summed per partition and merged: one process's "
          "portfolio to the bit; totals as Python's math.fsum gives them")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    args = p.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as folder:
        out = check(binary, folder, "simulate", 300, 20, 4, [])
        check(binary, folder, "optimise", 24, 20, 3, ["--points", "9", "--portfolio"])
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
