"""jitjic on Apache Spark: the CLI's streaming mode as the map stage over a catalogue.

    spark-submit --master local[2] integrations/spark/jitjic_spark.py \
        --binary target/release/jitjic --header header.json \
        --catalogue items.jsonl --out results/ [--command optimise [--portfolio]] \
        [--partitions 8]

The catalogue is JSON Lines, one item per line in the scenario file's item format (the header,
a scenario file without items, is given apart). Spark splits the lines into partitions; each
partition is piped through one `jitjic <command> header.json --items - --first-position P`,
where P is the position of the partition's first item in the whole catalogue. An item's random
days are its position's, so every record is the same bits as one process over the whole file
(docs/catalogue.md), whatever the partitioning or the machines.

Written under --out:
  records/   the records as JSON Lines text (one part file per partition), exactly as the CLI
             printed them: `position` is the item's place in the whole catalogue; `line` is its
             line within its partition's piece;
  parquet/   the same records as Parquet (nested fields as structs), for queries;
  portfolio/ with --portfolio (optimise): the catalogue's portfolio, one JSON document in
             one part file. A second step reads records/ back: each partition is piped
             through `jitjic portfolio --partial -`, which adds its records' per-replication
             costs into exact sums and keeps one small entry per item; the partitions' sums
             (a few numbers per replication each) come to the driver, where
             `jitjic portfolio -` merges them. The sums are exact until written, so the
             totals are one process's bit for bit, whatever the partitions (docs/catalogue.md).
             The per-replication costs travel in the records (the `portfolio` member that
             --for-portfolio adds) only as far as the executor that sums their partition.

On a cluster, change --master (or leave it to spark-submit) and ship the binary and header with
the job: `spark-submit --master yarn --files target/release/jitjic,header.json ...` and pass
`--binary jitjic --header header.json`; the job looks them up with SparkFiles on each executor.
The binary must be built for the executors' platform (`cargo build --release --bin jitjic` on a
matching machine or in the image the executors run).
"""

import argparse
import json
import os
import subprocess
import sys


def arguments(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", required=True, help="the jitjic binary (a path, or a name shipped with --files)")
    p.add_argument("--header", required=True, help="the catalogue's header: a scenario file without items")
    p.add_argument("--catalogue", required=True, help="JSON Lines of items (any path Spark reads)")
    p.add_argument("--out", required=True, help="a folder for records/ and parquet/")
    p.add_argument("--command", choices=["simulate", "optimise"], default="simulate")
    p.add_argument("--partitions", type=int, default=0, help="partitions (default: Spark's)")
    p.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    p.add_argument("--points", type=int, default=None, help="optimise: about how many buffers per item")
    p.add_argument("--portfolio", action="store_true",
                   help="optimise: records carry their portfolio data, and the portfolio is added up")
    p.add_argument("--budget", type=float, default=None, help="--portfolio: a cash budget for buffers")
    return p.parse_args(argv)


def shipped(path):
    """A file given on the driver, or shipped with --files / addFile to every executor."""
    from pyspark import SparkFiles

    if os.path.exists(path):
        return os.path.abspath(path)
    return SparkFiles.get(os.path.basename(path))


def main(argv=None):
    args = arguments(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession

    # Quiet: no progress bars or INFO lines between the records' summary.
    builder = SparkSession.builder.appName("jitjic").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    for f in (args.binary, args.header):
        if os.path.exists(f):
            sc.addFile(os.path.abspath(f))
    binary_name, header_name = os.path.basename(args.binary), os.path.basename(args.header)
    if args.portfolio and args.command != "optimise":
        raise SystemExit("--portfolio is for --command optimise")
    command = [args.command]
    extra = ["--points", str(args.points)] if args.points else []
    if args.portfolio:
        extra.append("--for-portfolio")

    lines = sc.textFile(args.catalogue, minPartitions=args.partitions or None)
    # Blank lines are not records (as in the CLI); positions count the items from 0.
    items = lines.filter(lambda line: line.strip() != "").zipWithIndex()

    def run(piece):
        piece = list(piece)
        if not piece:
            return iter(())
        from pyspark import SparkFiles

        binary = SparkFiles.get(binary_name)
        header = SparkFiles.get(header_name)
        os.chmod(binary, 0o755)
        first = piece[0][1]
        # zipWithIndex numbers a partition's lines in order: the piece is consecutive.
        assert all(p == first + k for k, (_, p) in enumerate(piece)), "a piece of consecutive items"
        done = subprocess.run(
            [binary, *command, header, "--items", "-", "--first-position", str(first), *extra],
            input="".join(line + "\n" for line, _ in piece),
            capture_output=True,
            text=True,
        )
        # 1: some records failed; they are in the output, each saying why.
        if done.returncode not in (0, 1):
            raise RuntimeError(f"jitjic exited with {done.returncode}: {done.stderr}")
        return iter(done.stdout.splitlines())

    records = items.mapPartitions(run).cache()
    records.saveAsTextFile(os.path.join(args.out, "records"))
    spark.read.json(records).write.parquet(os.path.join(args.out, "parquet"))
    count = records.count()
    if args.portfolio:
        text = portfolio(sc, os.path.join(args.out, "records"), binary_name, args.budget)
        sc.parallelize([text], 1).saveAsTextFile(os.path.join(args.out, "portfolio"))
        totals = json.loads(text)["each_at_its_optimum"]["total_cost_per_year"]
        print(f"jitjic on Spark: each item at its optimum costs {totals['mean']:,.0f} ± "
              f"{totals['se']:,.0f} {totals['unit']}")
    spark.stop()
    print(f"jitjic on Spark: {count} records under {args.out}")


def portfolio(sc, records_path, binary_name, budget=None):
    """The catalogue's portfolio from its optimise records (written with --for-portfolio):
    each partition's exact sums on its executor, merged on the driver."""
    from pyspark import SparkFiles

    def partial(piece):
        piece = [line for line in piece if line.strip()]
        if not piece:
            return iter(())
        binary = SparkFiles.get(binary_name)
        os.chmod(binary, 0o755)
        done = subprocess.run(
            [binary, "portfolio", "--partial", "-"],
            input="".join(line + "\n" for line in piece),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"jitjic portfolio --partial exited with {done.returncode}: {done.stderr}")
        return iter(done.stdout.splitlines())

    sums = sc.textFile(records_path).mapPartitions(partial).collect()
    binary = SparkFiles.get(binary_name)
    os.chmod(binary, 0o755)
    done = subprocess.run(
        [binary, "portfolio", "-", *(["--budget", repr(budget)] if budget is not None else [])],
        input="".join(line + "\n" for line in sums),
        capture_output=True,
        text=True,
    )
    # 1: some records failed; the document counts them and the totals leave them out.
    if done.returncode not in (0, 1):
        raise RuntimeError(f"jitjic portfolio exited with {done.returncode}: {done.stderr}")
    return done.stdout


if __name__ == "__main__":
    main()
