"""Conservation, as a property: any mix of good and bad inputs gives one result per input, in
input order, each a document or a reject (inputs == documents + rejects)."""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.inputs import load
from extractor.models import Extraction, Reject

from .conftest import CORPORA

GOOD = sorted(CORPORA.glob("*.html"))
PAGE = "<html><body><h1>{title}</h1><p>{text}</p></body></html>"

kinds = st.one_of(
    st.sampled_from(GOOD).map(lambda p: ("good", p.read_bytes())),
    st.binary(max_size=2000).map(lambda b: ("bytes", b)),
    st.text(max_size=400).map(lambda t: ("text", t.encode("utf-8", "surrogatepass"))),
    st.builds(
        lambda title, text: ("page", PAGE.format(title=title, text=text).encode()),
        st.text(max_size=60),
        st.text(max_size=300),
    ),
    st.sampled_from(GOOD).map(lambda p: ("gzip", gzip.compress(p.read_bytes())[:-20])),
    st.just(("empty", b"")),
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(kinds, min_size=1, max_size=7))
def test_every_input_gives_exactly_one_result_in_order(pipeline, inputs):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for i, (kind, data) in enumerate(inputs):
            path = folder / f"{i:02d}-{kind}.html{'.gz' if kind == 'gzip' else ''}"
            path.write_bytes(data)
            paths.append(path)
        refs = list(load.discover([str(folder)]))
        results = list(pipeline.run(refs))
    assert len(results) == len(inputs)
    for path, result in zip(paths, results, strict=True):
        assert isinstance(result, Extraction | Reject)
        source = result.source if isinstance(result, Reject) else result.document.source
        assert source.path == path.as_posix()
        if isinstance(result, Reject):
            assert result.error != "internal_error", result.message
    shutil.rmtree(folder, ignore_errors=True)
