"""`make bench`: speed, memory and accuracy of extractor next to a naive baseline, in one run.

On the same machine and corpora it measures, for `extractor run --jobs 1` and `--jobs 2` and for
the naive baseline (benchmarks/baseline.py): documents/s, MB/s, words/s, peak RSS of the whole
process tree (driver and workers, sampled with psutil) and, for extractor, seconds per stage
from the run's manifest.json. Every run is a fresh process, timed from its start (interpreter,
imports and model load included), as a user would run it.

Corpora: the real pages (corpora/, and ../shared/external's article-extraction-benchmark and
MEANTIME html when present) and synthetic pages from benchmarks/synth.py (1,000 by default;
10,000 with --large or BENCH_LARGE=1). Synthetic gold is never scored: accuracy comes from the
dev set and MEANTIME, whose gold others wrote, scored for both systems by extractor's scorers.
spaCy alone: the same texts (the sections extractor fed to spaCy) through `nlp.pipe` with the
same components, in a fresh process; our end-to-end time over it is our overhead.

    python -m benchmarks.bench                   # writes benchmarks/results/DATE.json, latest.md
    python -m benchmarks.bench --large           # adds the 10,000-page synthetic corpus
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

from benchmarks import report, synth
from extractor.html import language

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SEED = 6  # the synthetic corpus is the same in every run
SAMPLE_SECONDS = 0.1  # RSS sampling period: short next to any run, cheap for psutil
PSS_EVERY = 5  # the proportional set size is read every fifth sample (0.5 s): /proc costs more
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
INPUT_SUFFIXES = (*HTML_SUFFIXES, ".pdf")
PDF_PAGES = 500  # the synthetic PDF set: two-column reports of this many pages in all


@dataclass
class Corpus:
    name: str
    inputs: list[str]
    documents: int = 0
    mb: float = 0.0  # decompressed HTML
    words: int = 0  # whitespace words of the visible text (scripts and styles dropped)
    note: str = ""
    pdf_pages: int = 0  # pages of its PDFs


@dataclass
class Run:
    corpus: str
    system: str
    wall_seconds: float
    peak_rss_mb: float  # sum over the process tree at its largest
    peak_rss_single_mb: float  # the largest one process reached
    documents: int
    # proportional set size summed over the tree at its largest: pages that forked workers
    # share with the driver (the model) counted once; 0 where /proc gives none
    peak_pss_mb: float = 0.0
    docs_per_s: float = 0.0
    mb_per_s: float = 0.0
    words_per_s: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    detail: dict = field(default_factory=dict)


@dataclass
class Measured:
    wall_seconds: float
    peak_rss_mb: float
    peak_rss_single_mb: float
    stdout: str
    peak_pss_mb: float = 0.0


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(command: list[str], workdir: Path, sample: bool = True) -> Measured:
    """Run `command`, sampling the RSS of its process tree until it ends (unless `sample` is
    False: memory is then 0); fail loudly."""
    out_path, err_path = workdir / "stdout.txt", workdir / "stderr.txt"
    with out_path.open("w") as out, err_path.open("w") as err:
        started = time.perf_counter()
        proc = psutil.Popen(command, cwd=ROOT, stdout=out, stderr=err, env=_env())
        peaks = [0, 0, 0]
        done = threading.Event()

        def sampling() -> None:
            n = 0
            while not done.is_set():
                total = pss = 0
                try:
                    for p in [proc, *proc.children(recursive=True)]:
                        rss = p.memory_info().rss
                        total += rss
                        peaks[1] = max(peaks[1], rss)
                        if n % PSS_EVERY == 0:
                            pss += _pss(p.pid)
                except psutil.Error:
                    pass  # a worker ended between listing and reading
                peaks[0] = max(peaks[0], total)
                peaks[2] = max(peaks[2], pss)
                n += 1
                done.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sampling, daemon=True)
        if sample:
            sampler.start()
        code = proc.wait()
        wall = time.perf_counter() - started
        done.set()
        if sample:
            sampler.join()
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed ({code}):\n{err_path.read_text()[-3000:]}")
    return Measured(
        wall, peaks[0] / 2**20, peaks[1] / 2**20, out_path.read_text(), peaks[2] / 2**20
    )


def _pss(pid: int) -> int:
    """A process's proportional set size in bytes (Linux's smaps_rollup), or 0."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("BENCH_LARGE", None)
    return env


def pages_of(inputs: list[str]) -> list[Path]:
    found: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            found += sorted(p for p in item.rglob("*") if p.name.lower().endswith(INPUT_SUFFIXES))
        else:
            found.append(item)
    return found


def describe(corpus: Corpus) -> Corpus:
    """Count documents, decompressed MB and visible words once, for every system alike."""
    import lxml.html

    total, words, pages = 0, 0, pages_of(corpus.inputs)
    for path in pages:
        data = path.read_bytes()
        if path.suffix.lower() == ".pdf":
            import pypdfium2 as pdfium

            document = pdfium.PdfDocument(data)
            corpus.pdf_pages += len(document)
            words += sum(len(p.get_textpage().get_text_range().split()) for p in document)
            total += len(data)
            continue
        data = gzip.decompress(data) if path.suffix == ".gz" else data
        total += len(data)
        try:
            tree = lxml.html.fromstring(data)
            for junk in tree.xpath("//script|//style|//noscript"):
                junk.drop_tree()
            words += len(tree.text_content().split())
        except Exception:  # an unparsable page still counts as a document, with no words
            pass
    corpus.documents, corpus.mb, corpus.words = len(pages), total / 1e6, words
    return corpus


def run_extractor(corpus: Corpus, jobs: int, workdir: Path, sample: bool = True) -> Run:
    out = workdir / f"out-{corpus.name}-j{jobs}"
    command = [sys.executable, "-m", "extractor", "run", *corpus.inputs, "--out", str(out)]
    m = measure([*command, "--jobs", str(jobs), "--quiet"], workdir, sample)
    manifest = json.loads((out / "manifest.json").read_text())
    run = _run(corpus, f"extractor --jobs {jobs}", m, manifest["counts"]["documents"])
    run.stage_seconds = manifest["stage_seconds"]
    run.detail = {"manifest_wall_seconds": manifest["wall_seconds"], **manifest["counts"]}
    if corpus.pdf_pages:
        run.detail["pdf_pages_per_s"] = round(corpus.pdf_pages / m.wall_seconds, 2)
    return run


def typical(timed: list[Run], sampled: Run | None = None) -> Run:
    """The run of median wall time among unsampled repeats of one system on one corpus, with the
    memory of `sampled` (a run of its own) and every wall time in `detail["walls"]`."""
    ordered = sorted(timed, key=lambda r: r.wall_seconds)
    median = ordered[(len(ordered) - 1) // 2]
    if sampled is not None:
        median.peak_rss_mb = sampled.peak_rss_mb
        median.peak_rss_single_mb = sampled.peak_rss_single_mb
        median.peak_pss_mb = sampled.peak_pss_mb
        median.detail["walls"] = [r.wall_seconds for r in timed]
        median.detail["sampled_wall_seconds"] = sampled.wall_seconds
    return median


def run_baseline(corpus: Corpus, workdir: Path) -> Run:
    out = workdir / f"baseline-{corpus.name}.jsonl"
    command = [sys.executable, "-m", "benchmarks.baseline", "run", *corpus.inputs]
    m = measure([*command, "--out", str(out)], workdir)
    return _run(corpus, "naive baseline", m, json.loads(m.stdout)["documents"])


def _run(corpus: Corpus, system: str, m: Measured, documents: int) -> Run:
    return Run(
        corpus=corpus.name,
        system=system,
        wall_seconds=round(m.wall_seconds, 2),
        peak_rss_mb=round(m.peak_rss_mb, 1),
        peak_rss_single_mb=round(m.peak_rss_single_mb, 1),
        peak_pss_mb=round(m.peak_pss_mb, 1),
        documents=documents,
        docs_per_s=round(corpus.documents / m.wall_seconds, 3),
        mb_per_s=round(corpus.mb / m.wall_seconds, 4),
        words_per_s=round(corpus.words / m.wall_seconds, 1),
    )


def run_spacy_alone(corpus: Corpus, out_dir: Path, workdir: Path) -> dict:
    """spaCy alone over the texts extractor fed it, with its components and with the model's."""
    texts = workdir / f"texts-{corpus.name}.jsonl"
    skipped = {
        d["doc_id"]
        for d in map(json.loads, (out_dir / "documents.jsonl").open(encoding="utf-8"))
        if d.get("entities_skipped")
    }
    with texts.open("w", encoding="utf-8") as f:
        for section in map(json.loads, (out_dir / "sections.jsonl").open(encoding="utf-8")):
            if section["doc_id"] not in skipped:
                f.write(json.dumps(section["text"]) + "\n")
    result = {}
    for mode in ("extractor-components", "model-only"):
        command = [sys.executable, "-m", "benchmarks.bench", "spacy-alone", str(texts), mode]
        m = measure(command, workdir)
        result[mode] = {**json.loads(m.stdout), "wall_seconds": round(m.wall_seconds, 2)}
        result[mode]["peak_rss_mb"] = round(m.peak_rss_mb, 1)
    return result


def spacy_alone(texts_path: Path, mode: str) -> dict:
    """In a fresh process: load the pipeline, then nlp.pipe over every text."""
    import spacy

    from extractor.entities.nlp import EXCLUDED_COMPONENTS, drop_unheard_embeddings, load_nlp
    from extractor.settings import Settings

    settings = Settings()
    texts = [json.loads(line) for line in texts_path.open(encoding="utf-8")]
    started = time.perf_counter()
    if mode == "extractor-components":
        # the model's ner over the whole text, as spaCy runs it, with our rule components
        nlp = load_nlp(settings.model, names_only=False)
    else:
        nlp = drop_unheard_embeddings(spacy.load(settings.model, exclude=EXCLUDED_COMPONENTS))
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    return {
        "components": nlp.pipe_names,
        "texts": len(texts),
        "load_seconds": round(loaded - started, 2),
        "pipe_seconds": round(time.perf_counter() - loaded, 2),
    }


def accuracy(dev_dir: Path | None, meantime_dir: Path | None) -> dict:
    """Both systems on the dev set and MEANTIME, scored by extractor's scorers; models preloaded
    so the seconds are extraction only."""
    from benchmarks.baseline import NaiveBaseline, evaluate_dev, evaluate_meantime
    from extractor.entities.nlp import load_nlp
    from extractor.evaluate import run_eval
    from extractor.settings import Settings

    result: dict[str, dict] = {"extractor": {}, "baseline": {}}
    load_nlp(Settings().model)
    baseline = NaiveBaseline()
    for name, folder in (("dev", dev_dir), ("meantime", meantime_dir)):
        if folder is None:
            continue
        args = (folder, None, None) if name == "dev" else (None, None, folder)
        started = time.perf_counter()
        ours = getattr(run_eval(*args), name)
        seconds = time.perf_counter() - started
        scored = ours.model_dump(exclude={"docs"})
        result["extractor"][name] = {**scored, "seconds": seconds, "documents": len(ours.docs)}
        started = time.perf_counter()
        theirs = (evaluate_dev if name == "dev" else evaluate_meantime)(folder, baseline)
        seconds = time.perf_counter() - started
        scored = theirs.model_dump(exclude={"docs"})
        result["baseline"][name] = {**scored, "seconds": seconds, "documents": len(theirs.docs)}
    return result


def machine() -> dict:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if "model name" in line),
        platform.processor(),
    )
    git = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    import spacy

    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": spacy.__version__,
        "git": git,
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def real_corpus(shared: Path) -> tuple[Corpus, list[str]]:
    inputs, notes = [str(ROOT / "corpora")], []
    for sub in ("article-extraction-benchmark/html", "meantime-en/html"):
        folder = shared / "external" / sub
        if folder.is_dir():
            inputs.append(str(folder))
        else:
            notes.append(f"{folder} is absent: the real corpus is corpora/ without it")
    return Corpus("real", inputs, note="; ".join(notes)), notes


def news_corpus(shared: Path) -> Corpus | None:
    """The article-extraction benchmark's 181 pages and the 4 dev pages: the 185 real pages on
    which issue 18 measured extractor against the baseline."""
    folders = [
        shared / "external" / "article-extraction-benchmark" / "html",
        shared / "eval" / "dev" / "docs",
    ]
    if not all(folder.is_dir() for folder in folders):
        return None
    return Corpus("aeb-dev", [str(folder) for folder in folders])


def bench(args: argparse.Namespace) -> dict:
    shared = Path(args.shared).resolve()
    notes: list[str] = []
    corpora: list[Corpus] = []
    if not args.no_real:
        corpus, missing = real_corpus(shared)
        corpora.append(corpus)
        notes += missing
        news = news_corpus(shared)
        if news is None:
            notes.append("the article-extraction benchmark or the dev set is absent: no aeb-dev")
        else:
            corpora.append(news)
    sizes = list(args.synth) + ([10_000] if args.large and 10_000 not in args.synth else [])
    results: dict = {"date": dt.date.today().isoformat(), "command": args.command_line}
    results["machine"] = machine()
    runs: list[Run] = []
    spacy_ratio: dict[str, dict] = {}
    # A user's first run unpacks the language model into its cache (0.6 s); the runs timed
    # here, like a user's later ones, map it.
    language.preload().join()
    notes.append("the language model's cache was built before the timed runs")
    # A first import writes a module's bytecode, and an installed wheel ships it. This machine
    # may forbid the writing (PYTHONDONTWRITEBYTECODE), so that every run of an editable
    # install compiled extractor's modules again (0.15 s): compiled once here instead.
    for package in ("extractor", "benchmarks"):
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        workdir = Path(tmp)
        for size in sizes:
            folder = workdir / f"synth-{size}"
            log(f"generating {size} synthetic pages (seed {SEED})")
            synth.write_corpus(size, folder, SEED)
            corpora.append(Corpus(f"synth-{size}", [str(folder / "docs")]))
        if not args.no_pdf:
            source = workdir / f"synth-{sizes[0]}" if sizes else workdir / "synth-pdf-source"
            if not sizes:
                synth.write_corpus(1000, source, SEED)
            from benchmarks.synth_pdf import write_pdfs

            log(f"typesetting synthetic pages into {PDF_PAGES} PDF pages")
            made, pdf_pages = write_pdfs(source / "docs", workdir / "synth-pdf", PDF_PAGES)
            note = f"{made} two-column PDF reports of 8 synthetic pages each"
            corpora.append(
                Corpus(f"synth-pdf-{pdf_pages}", [str(workdir / "synth-pdf")], note=note)
            )
        for corpus in corpora:
            describe(corpus)
            log(
                f"{corpus.name}: {corpus.documents} pages, {corpus.mb:.1f} MB, {corpus.words} words"
            )
            small = corpus.documents <= args.repeat_max_docs and not corpus.pdf_pages
            repeats = args.repeat if small else 1
            timed: dict[int, list[Run]] = {jobs: [] for jobs in args.jobs}
            for attempt in range(1, repeats + 1):
                for jobs in args.jobs:  # alternated, so that a slow spell hits every value
                    log(f"extractor --jobs {jobs} on {corpus.name} ({attempt}/{repeats})")
                    done = run_extractor(corpus, jobs, workdir, sample=repeats == 1)
                    timed[jobs].append(done)
                    log(f"  {done.wall_seconds} s, peak RSS {done.peak_rss_mb} MB")
            # The sampler lists the process tree ten times a second, a few percent of a core: a
            # --jobs 1 run leaves it a core of its own, a --jobs 2 run none, and took 2% longer
            # sampled (7.43 against 7.28 s, medians of 3, real corpus). Repeated runs are timed
            # unsampled, and their memory is sampled in one more run.
            for jobs in args.jobs:
                sampled = None
                if repeats > 1:
                    log(f"extractor --jobs {jobs} on {corpus.name}, memory sampled")
                    sampled = run_extractor(corpus, jobs, workdir)
                    log(f"  {sampled.wall_seconds} s, peak RSS {sampled.peak_rss_mb} MB")
                runs.append(typical(timed[jobs], sampled))
            if corpus.documents <= args.baseline_max_docs and not corpus.pdf_pages:
                log(f"naive baseline on {corpus.name}")
                runs.append(run_baseline(corpus, workdir))
                log(f"  {runs[-1].wall_seconds} s, peak RSS {runs[-1].peak_rss_mb} MB")
            if (
                corpus.documents <= args.baseline_max_docs
                and 1 in args.jobs
                and not corpus.pdf_pages
            ):
                log(f"spaCy alone on {corpus.name}'s section texts")
                out = workdir / f"out-{corpus.name}-j1"
                spacy_ratio[corpus.name] = run_spacy_alone(corpus, out, workdir)
    results["corpora"] = [asdict(c) for c in corpora]
    results["runs"] = [asdict(r) for r in runs]
    results["spacy_alone"] = spacy_ratio
    if not args.no_accuracy:
        log("accuracy: dev set and MEANTIME, both systems")
        dev_dir = shared / "eval" / "dev"
        meantime_dir = shared / "external" / "meantime-en"
        for folder in (dev_dir, meantime_dir):
            if not folder.is_dir():
                notes.append(f"{folder} is absent: its accuracy is not measured")
        results["accuracy"] = accuracy(
            dev_dir if dev_dir.is_dir() else None,
            meantime_dir if meantime_dir.is_dir() else None,
        )
    if 10_000 not in sizes:
        notes.append(
            "the 10,000-page synthetic corpus was not run (opt-in: --large or BENCH_LARGE=1)"
        )
    results["notes"] = notes
    results["targets"] = report.targets(results)
    return results


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["spacy-alone"]:
        print(json.dumps(spacy_alone(Path(argv[1]), argv[2])))
        return
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__)
    parser.add_argument("--shared", default=os.environ.get("SHARED", str(ROOT.parent / "shared")))
    parser.add_argument("--synth", type=int, action="append", help="synthetic sizes (1000)")
    parser.add_argument("--large", action="store_true", default=bool(os.environ.get("BENCH_LARGE")))
    parser.add_argument("--jobs", type=int, action="append", help="--jobs values (1 and 2)")
    parser.add_argument("--baseline-max-docs", type=int, default=2000)
    parser.add_argument(
        "--repeat", type=int, default=3, help="extractor runs per --jobs value, median kept (3)"
    )
    parser.add_argument(
        "--repeat-max-docs",
        type=int,
        default=500,
        help="corpora of more documents are run once (500: the real corpus and aeb-dev)",
    )
    parser.add_argument("--no-real", action="store_true", help="skip the real corpus")
    parser.add_argument("--no-accuracy", action="store_true", help="skip dev and MEANTIME")
    parser.add_argument("--no-pdf", action="store_true", help="skip the synthetic PDF set")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results directory")
    parser.add_argument("--tag", default="", help="write DATE-TAG.json and latest-TAG.md")
    args = parser.parse_args(argv)
    args.synth = args.synth or [1000]
    args.jobs = args.jobs or [1, 2]
    args.command_line = "python -m benchmarks.bench " + " ".join(argv)
    results = bench(args)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = f"-{args.tag}" if args.tag else ""
    path = args.out / f"{results['date']}{suffix}.json"
    path.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    table = args.out / f"latest{suffix}.md"
    table.write_text(report.markdown(results), encoding="utf-8")
    log(f"wrote {path} and {table}")
    print(report.markdown(results))


if __name__ == "__main__":
    main()
