"""Named failures, each with a stable code that appears in rejects.jsonl and in CLI messages."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

_Choice = TypeVar("_Choice", bound=Enum)


class ExtractorError(Exception):
    """Base class: a failure extractor knows how to explain."""

    code = "error"
    stage = "run"


# Usage errors: the run cannot start (CLI exit code 2).
class UsageError(ExtractorError):
    """The command line asks for something that cannot be done."""

    code = "usage"


class InputNotFound(UsageError):
    """A given input path or glob matches nothing."""

    code = "input_not_found"


class OutputNotWritable(UsageError):
    """The --out directory cannot be created or written."""

    code = "output_not_writable"


class ModelNotFound(UsageError):
    """The requested spaCy pipeline is not installed."""

    code = "model_not_found"


class DaskNotInstalled(UsageError):
    """--engine dask was asked for, and Dask is not installed."""

    code = "dask_not_installed"


class SchedulerAddressInvalid(UsageError):
    """--scheduler is not an address such as tcp://HOST:PORT."""

    code = "scheduler_address_invalid"


class SchedulerUnreachable(UsageError):
    """No Dask scheduler answers at --scheduler."""

    code = "scheduler_unreachable"


class BadUrl(UsageError):
    """A URL given to `extractor fetch` is not an absolute http(s) URL."""

    code = "bad_url"


class UrlListUnreadable(UsageError):
    """The --urls file cannot be read as UTF-8 text."""

    code = "url_list_unreadable"


class BadFollowPattern(UsageError):
    """--follow is not a valid regular expression."""

    code = "bad_follow_pattern"


class NothingToFetch(UsageError):
    """`extractor fetch` was given no URL, --urls file or --sitemap."""

    code = "nothing_to_fetch"


class WarcNotUsable(UsageError):
    """--warc names a file that is not a WARC, or a place `extractor run` would read twice."""

    code = "warc_not_usable"


class NotAnOutput(UsageError):
    """`extractor query`, `export` or `report` was given a directory no run wrote."""

    code = "not_an_output"


class OutputUnreadable(UsageError):
    """A file of an output directory is not what `extractor run` writes (edited, truncated)."""

    code = "output_unreadable"


class QueryFailed(UsageError):
    """DuckDB could not run the SQL given to `extractor query`."""

    code = "query_failed"


class UnknownChoice(UsageError):
    """A library caller named an engine or a format that does not exist."""

    code = "unknown_choice"


def choice(kind: type[_Choice], value: _Choice | str, what: str) -> _Choice:
    """`value` as a member of the enum `kind`, or UnknownChoice naming the choices."""
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(str(member.value) for member in kind)
        raise UnknownChoice(f"unknown {what} {value!r}: choose one of {choices}") from None


class SchedulerLost(ExtractorError):
    """The scheduler dropped the run's tasks (restarted, or the connection was lost)."""

    code = "scheduler_lost"


class ShardError(ExtractorError):
    """A shard of OUT/.shards is missing, unsealed, or holds another batch than the one planned.
    The driver never lets it out: the inputs of that batch become `worker_failed` rejects."""

    code = "shard_invalid"


# Per-document errors: the input becomes a reject, the batch goes on. Their codes are the
# reject codes (models.RejectCode lists them; a test holds the two lists equal).
class DocumentError(ExtractorError):
    """One input could not become a document. `stage` is where it failed, when that is not the
    class's usual stage (a time limit or an unexpected error can strike in any stage)."""

    def __init__(self, message: str, *, stage: str | None = None):
        super().__init__(message)
        if stage is not None:
            self.stage = stage


class ReadFailed(DocumentError):
    """The input could not be read (permissions, vanished, I/O error)."""

    code = "read_failed"
    stage = "load"


class EmptyInput(DocumentError):
    """The input has no bytes."""

    code = "empty_input"
    stage = "load"


class TooLarge(DocumentError):
    """The input (or its decompressed form) exceeds --max-bytes."""

    code = "too_large"
    stage = "load"


class BadCompression(DocumentError):
    """A .gz input is truncated or not gzip."""

    code = "bad_compression"
    stage = "load"


class NotHtml(DocumentError):
    """The bytes are not text: a binary file such as a PDF or image."""

    code = "not_html"
    stage = "load"


class WarcUnreadable(DocumentError):
    """A WARC file, or one record of it, is damaged or not a WARC."""

    code = "bad_warc"
    stage = "load"


class NoHtmlRecords(DocumentError):
    """A WARC file holds no record that is an input: no HTML response or resource."""

    code = "no_html_records"
    stage = "load"


class HttpError(DocumentError):
    """An archived response (a WARC record) was not a success: a 404 page, a redirect..."""

    code = "http_error"
    stage = "load"


class FetchDisallowed(DocumentError):
    """`extractor run URL`: robots.txt forbids fetching the URL."""

    code = "fetch_disallowed"
    stage = "fetch"


class FetchSkipped(DocumentError):
    """`extractor run URL`: the response was not HTML, or over the size limit."""

    code = "fetch_skipped"
    stage = "fetch"


class FetchError(DocumentError):
    """`extractor run URL`: the URL could not be fetched (HTTP error, network, redirect loop)."""

    code = "fetch_failed"
    stage = "fetch"


class NoContent(DocumentError):
    """The page has no main-content text once boilerplate is removed."""

    code = "no_content"
    stage = "clean"


class ParseFailed(DocumentError):
    """The HTML parser could not build a tree from the page."""

    code = "parse_failed"
    stage = "clean"


class TimeLimitExceeded(DocumentError):
    """Extracting the input took longer than --max-seconds."""

    code = "timeout"
    stage = "run"


class InvalidRecord(DocumentError):
    """A record failed validation against the output schema."""

    code = "invalid_record"
    stage = "validate"


class TooDeep(DocumentError):
    """The page's elements nest too deeply for the parser (Python's recursion limit)."""

    code = "too_deep"
    stage = "clean"


class EncryptedPdf(DocumentError):
    """The PDF needs a user password to open (one with only an owner password is read)."""

    code = "encrypted_pdf"
    stage = "pdf"


class NoTextLayer(DocumentError):
    """The PDF has no text to read: a scan, whose text only OCR could recover (out of scope)."""

    code = "no_text_layer"
    stage = "pdf"


class BadPdf(DocumentError):
    """The PDF is broken or truncated past what PDFium repairs."""

    code = "bad_pdf"
    stage = "pdf"


class TooManyPages(DocumentError):
    """The PDF has more pages than --max-pages."""

    code = "too_many_pages"
    stage = "pdf"


class InternalError(DocumentError):
    """An unexpected failure of extractor itself on this input: a bug to report, with the page."""

    code = "internal_error"
    stage = "run"


class WorkerFailed(DocumentError):
    """The task extracting this input's batch failed as a whole, retries included: its worker
    died (out of memory, killed) or its shard could not be written or read."""

    code = "worker_failed"
    stage = "run"


def document_error(code: str, message: str, stage: str | None = None) -> DocumentError:
    """The DocumentError whose code is `code`, e.g. for a reject record read back."""
    for kind in document_errors():
        if kind.code == code:
            return kind(message, stage=stage)
    raise ValueError(f"no document error has the code {code!r}")


def document_errors(base: type[DocumentError] = DocumentError) -> list[type[DocumentError]]:
    """The named per-document errors, one per reject code: the classes that define a code (a
    private subclass that keeps its parent's code, such as the timer's timeout, is left out)."""
    found = []
    for kind in base.__subclasses__():
        own = [kind] if "code" in vars(kind) else []
        found += [*own, *document_errors(kind)]
    return found
