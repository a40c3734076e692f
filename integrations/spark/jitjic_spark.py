"""jitjic on Apache Spark: the CLI's streaming mode as the map stage over a catalogue.

    spark-submit --master local[2] integrations/spark/jitjic_spark.py \
        --binary target/release/jitjic --header header.json \
        --catalogue items.jsonl --out results/ [--command optimise] [--partitions 8]

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
  parquet/   the same records as Parquet (nested fields as structs), for queries.

On a cluster, change --master (or leave it to spark-submit) and ship the binary and header with
the job: `spark-submit --master yarn --files target/release/jitjic,header.json ...` and pass
`--binary jitjic --header header.json`; the job looks them up with SparkFiles on each executor.
The binary must be built for the executors' platform (`cargo build --release --bin jitjic` on a
matching machine or in the image the executors run).
"""

import argparse
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
    command = [args.command]
    extra = ["--points", str(args.points)] if args.points else []

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
    spark.stop()
    print(f"jitjic on Spark: {count} records under {args.out}")


if __name__ == "__main__":
    main()
