"""Chain the stages as generators and apply the error policy.

    refs -> read -> decode -> clean+segment -> entities (batched nlp.pipe) -> assemble

Each input travels in a `Work` envelope (stages.py, which runs the stages before the model). A
stage that fails for one input turns its envelope into a reject (a named DocumentError becomes its
code; anything unexpected becomes `internal_error`) and the batch goes on: every input ends as
exactly one Extraction or one Reject, in input order.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import time
from collections.abc import Iterable, Iterator, Mapping

from spacy.language import Language

from extractor.assemble import assemble
from extractor.entities.extract import ModelCache, annotate
from extractor.entities.nlp import installed_model_version, load_nlp, model_version
from extractor.entities.orgs.decision import load_model
from extractor.errors import DocumentError, TimeLimitExceeded, document_error
from extractor.html import language
from extractor.inputs import load
from extractor.models import BODY_KINDS, Extraction, ExtractorInfo, Reject
from extractor.run.limits import deadline
from extractor.sections.segment import SegmentedPage, segment
from extractor.settings import Settings
from extractor.stages import StageTimes, Work, clean_decoded, prepare, unexpected
from extractor.version import __version__

LOGGER = logging.getLogger(__name__)

__all__ = ["Pipeline", "StageTimes", "Work", "clean_decoded", "prepare", "run_info"]

# Pages per nlp.pipe stream: large enough for spaCy to batch sections well, small enough that
# memory stays flat and results are written soon after they are read.
PAGES_PER_BATCH = 32


def run_info(settings: Settings) -> ExtractorInfo:
    """What records of a run with `settings` say produced them, without loading the model;
    ModelNotFound if it is not installed."""
    return ExtractorInfo(
        version=__version__,
        model=installed_model_version(settings.model),
        config_hash=settings.config_hash,
    )


# A page that takes every stage down its usual paths: a title, a dated heading, a body with an
# organization and its acronym, a country, dates and a schedule table.
_WARM_UP_PAGE = (
    b"<html lang='en'><head><title>Workshop report</title></head><body><main><article>"
    b"<h1>Regional Workshop on Water Quality</h1><p>Posted on 12 March 2024</p>"
    b"<h2>Day 1 (5 March): Opening</h2><p>The Japan International Cooperation Agency (JICA) "
    b"and the Ministry of Health of Ghana opened the workshop in Accra. Participants came from "
    b"Kenya and Viet Nam; the next meeting is planned for next year, after Thanksgiving.</p>"
    b"<table><tr><td>6 March</td><td>Field visit</td></tr></table>"
    b"</article></main></body></html>"
)


class Pipeline:
    """The model loaded once, and the stages bound to one Settings."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None):
        self.settings = settings or Settings()
        self._preloading = language.preload()  # while the spaCy model loads
        try:
            self.nlp = nlp if nlp is not None else load_nlp(self.settings.model)
            self.org_model = load_model(self.settings.org_model)
        except BaseException:
            self._preloading.join()  # no thread of ours left behind a failed start
            raise
        self.model_cache = ModelCache()  # texts this process has read before
        self.info = ExtractorInfo(
            version=__version__,
            model=model_version(self.nlp),
            config_hash=self.settings.config_hash,
        )
        self.times = StageTimes()

    def warm_up(self) -> None:
        """Load what the stages load on their first page (the language identifier, word
        frequencies, gazetteers, the days of named days: about a second), by extracting a small
        page: a driver does it once before its workers are forked, so that none of them does it
        again. The PDF reader, which stages.py imports at a first PDF, is imported too."""
        import extractor.pdf.page  # noqa: F401

        try:
            list(self.run_bytes([(_WARM_UP_PAGE, "warm-up.html")]))
        finally:
            self._preloading.join()  # no thread of ours left running when the driver forks
        self.times = StageTimes()

    def run(self, refs: Iterable[load.InputRef]) -> Iterator[Extraction | Reject]:
        """Extract every input read from disk, in order."""
        return mark_duplicates(self.extract(refs))

    def extract(
        self, refs: Iterable[load.InputRef], prepared: Mapping[int, Work] | None = None
    ) -> Iterator[Extraction | Reject]:
        """Like `run`, without marking duplicates (a worker sees only part of the run).
        `prepared` holds, by position, inputs that went through `prepare` elsewhere (a
        head start): they go on from there."""
        prepared = prepared or {}
        works = (prepared.get(i) or Work(ref) for i, ref in enumerate(refs))
        return self._finish(self._stream(works))

    def run_bytes(self, items: Iterable[tuple[bytes, str]]) -> Iterator[Extraction | Reject]:
        """Extract in-memory pages given as (bytes, path) pairs, in order."""
        works = (Work(load.InputRef(path), raw=_raw(data, path, None)) for data, path in items)
        return mark_duplicates(self._finish(self._stream(works)))

    def _stream(self, works: Iterable[Work]) -> Iterator[Work]:
        return self._entities(prepare(works, self.settings, self.times))

    def _entities(self, works: Iterable[Work]) -> Iterator[Work]:
        iterator = iter(works)
        while batch := list(itertools.islice(iterator, PAGES_PER_BATCH)):
            started = time.perf_counter()
            todo = [w for w in batch if w.result is None]
            limit = self.settings.max_seconds
            try:
                # A normal batch takes a few seconds; one that takes longer than a document may
                # holds a pathological page, which the retry one by one finds.
                with deadline(limit, "entity extraction"):
                    self._annotate(todo)
            except Exception:  # isolate the input that broke the batch
                for work in todo:
                    try:
                        with deadline(limit, "the entities stage"):
                            self._annotate([work])
                    except TimeLimitExceeded as exc:
                        work.reject(exc, "entities")
                    except Exception as exc:
                        LOGGER.exception("entity extraction failed for %s", work.ref.path)
                        work.reject(unexpected(exc), "entities")
            self.times.add("entities", started)
            yield from batch

    def _annotate(self, works: list[Work]) -> None:
        todo = []
        for work in works:
            assert work.page is not None
            language = work.page.page.language
            if language is not None and language != self.nlp.lang:
                # The model reads one language; on others its entities would be noise.
                work.mentions = [[] for _ in work.page.sections]
                work.entities_skipped = f"language:{language}"
            else:
                todo.append(work)
        pages = [w.page for w in todo if w.page is not None]
        for work, mentions in zip(
            todo,
            annotate(
                pages,
                self.nlp,
                self.settings.batch_size,
                self.org_model,
                self.settings.min_org_confidence,
                self.model_cache,
            ),
            strict=True,
        ):
            work.mentions = mentions

    def _finish(self, works: Iterable[Work]) -> Iterator[Extraction | Reject]:
        for work in works:
            started = time.perf_counter()
            if work.result is None:
                assert work.raw and work.decoded and work.page and work.mentions is not None
                source = load.source_of(work.ref, work.raw, work.decoded.encoding)
                page = work.page.page
                source = source.model_copy(
                    update={"canonical_url": page.canonical_url, "media_type": page.media_type}
                )
                try:
                    work.result = assemble(
                        work.page,
                        work.mentions,
                        source,
                        self.info,
                        entities_skipped=work.entities_skipped,
                    )
                except DocumentError as exc:
                    work.reject(exc)
            self.times.add("assemble", started)
            assert work.result is not None
            yield work.result


def mark_duplicates(results: Iterable[Extraction | Reject]) -> Iterator[Extraction | Reject]:
    """Identical bytes from two sources are two documents; the later one names the first.

    Two inputs with the same URL and bytes (one page in two WARC files, or in a WARC and a
    fetched corpus) would get the same doc_id: the later one gets an id of its own, from where
    it was read, so that every document of a run has a distinct id.
    """
    first_of: dict[str, str] = {}
    taken: set[str] = set()
    for result in results:
        if isinstance(result, Extraction) and result.document.doc_id in taken:
            result = _renamed(result, taken)
        if isinstance(result, Extraction):
            taken.add(result.document.doc_id)
        if isinstance(result, Extraction) and result.document.source.sha256:
            sha = result.document.source.sha256
            first = first_of.setdefault(sha, result.document.doc_id)
            if first != result.document.doc_id:
                document = result.document.model_copy(update={"duplicate_of": first})
                result = result.model_copy(update={"document": document})
        yield result


def _renamed(result: Extraction, taken: set[str]) -> Extraction:
    source = result.document.source
    salt = f"{source.path}@{source.warc_offset}"
    doc_id = result.document.doc_id
    while doc_id in taken:
        doc_id = hashlib.sha256(f"{doc_id}\n{salt}".encode()).hexdigest()[:16]
    document = result.document.model_copy(update={"doc_id": doc_id})
    sections = [s.model_copy(update={"doc_id": doc_id}) for s in result.sections]
    return result.model_copy(update={"document": document, "sections": sections})


def _raw(data: bytes, path: str, url: str | None) -> load.RawDocument:
    ref = load.InputRef(path, url)
    return load.RawDocument(ref=ref, data=data, sha256=hashlib.sha256(data).hexdigest())


def extract_many(
    items: Iterable[tuple[bytes, str]], settings: Settings | None = None
) -> Iterator[Extraction | Reject]:
    """Extract in-memory pages given as (bytes, path); one result per item, in order."""
    return Pipeline(settings).run_bytes(items)


def extract_html(
    data: bytes,
    *,
    url: str | None = None,
    path: str | None = None,
    settings: Settings | None = None,
) -> Extraction:
    """Extract one page; raises the named DocumentError when the page cannot be extracted."""
    pipeline = Pipeline(settings)
    work = Work(load.InputRef(path or "<bytes>", url), raw=_raw(data, path or "<bytes>", url))
    result = next(pipeline._finish(pipeline._stream([work])))
    if isinstance(result, Reject):
        raise document_error(result.error, result.message, result.stage)
    return result


def segment_bytes(data: bytes, path: str = "<bytes>") -> SegmentedPage:
    """A page read, decoded, cleaned and segmented: every stage before the model."""
    settings = Settings()
    return segment(clean_decoded(load.decode(_raw(data, path, None), settings.max_bytes), settings))


def main_text(data: bytes, kinds: frozenset[str] = BODY_KINDS) -> str:
    """The main text of a page without NER: the lines of its sections of the given kinds."""
    page = segment_bytes(data)
    return "\n".join(
        section.text[start:end]
        for section in page.sections
        for start, end, kind in section.blocks
        if kind in kinds
    )
