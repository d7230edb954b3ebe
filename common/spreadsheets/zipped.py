"""The zip inside an .xlsx file, opened without believing what it says about itself.

A zip's central directory declares each part's packed and unpacked size. `Package` refuses a
file from those declarations alone when they are too big, too many or packed too tightly
(nothing is unpacked yet), and then unpacks only the parts it parses, through a stream that
counts what really comes out: a part that unpacks to more than it declared is cut off at the
declared size and found out by its checksum, and the running total never passes the limit
whatever the headers say.

Parts are parsed as they are unpacked (expat, fed 64 KB at a time), never held whole:
`parse` hands each element and each piece of text to a handler, refuses a document type
declaration (no entities, so no "billion laughs"), a nesting deeper than any workbook has, and
any run of more than `max_run_bytes` without a tag, so that the parser itself never buffers
more than that either.
"""

import io
import zipfile
import zlib
from xml.parsers import expat

from .limits import (
    cell_too_long,
    damaged,
    not_excel,
    packed_too_tightly,
    too_complex,
    too_many_parts,
    unpacks_too_large,
)

_CHUNK = 64 * 1024
_CENTRAL_ENTRY = b"PK\x01\x02"
_ENCRYPTED = 0x1
_MAX_DEPTH = 64


class Done(Exception):
    """Raised by a handler to stop parsing a part once it has what it needs."""


def local(name):
    """An element's or attribute's name without its namespace."""
    return name[name.rfind("}") + 1 :]


class Package:
    def __init__(self, data, limits):
        self.limits = limits
        # Counted before zipfile builds an entry for each of them.
        if data.count(_CENTRAL_ENTRY) > limits.max_parts:
            raise too_many_parts(limits)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError, EOFError) as error:
            raise not_excel() from error
        if len(infos) > limits.max_parts:
            raise too_many_parts(limits)
        declared = 0
        for info in infos:
            declared += info.file_size
            if declared > limits.max_unpacked_bytes:
                raise unpacks_too_large(limits)
            if (
                info.file_size >= limits.ratio_from_bytes
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)
            ):
                raise packed_too_tightly(limits)
            if info.flag_bits & _ENCRYPTED or info.compress_type not in (
                zipfile.ZIP_STORED,
                zipfile.ZIP_DEFLATED,
            ):
                raise not_excel()
        self.names = {info.filename for info in infos}
        self._unpacked = 0

    def __contains__(self, name):
        return name in self.names

    def parse(self, name, handler):
        """Feed part `name` to `handler`: start(name, attrs, parents), text(data, parents)
        and end(name, parents), with local names; `parents` lists the open elements' names
        (for text, the innermost is the one holding it). A handler may raise Done."""
        stack = []
        remaining = self.limits.max_elements
        names = {}  # a part repeats a few names many times: each is shortened once
        on_start, on_end, on_text = handler.start, handler.end, handler.text

        def start(name, attrs):
            nonlocal remaining
            remaining -= 1
            if remaining < 0:
                raise too_complex(self.limits)
            if len(stack) >= _MAX_DEPTH:
                raise not_excel()
            short = names.get(name)
            if short is None:
                short = names[name] = local(name)
            if attrs and "}" in "".join(attrs):
                attrs = {local(key): value for key, value in attrs.items()}
            on_start(short, attrs, stack)
            stack.append(short)

        def end(name):
            on_end(stack.pop(), stack)

        def refuse(*args):
            raise not_excel()

        parser = expat.ParserCreate(namespace_separator="}")
        parser.buffer_text = True
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = lambda data: on_text(data, stack)
        parser.StartDoctypeDeclHandler = refuse
        parser.EntityDeclHandler = refuse
        chunks = self._chunks(name)
        try:
            for chunk in chunks:
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except Done:
            pass
        except expat.ExpatError as error:
            raise not_excel() from error
        finally:
            chunks.close()

    def _chunks(self, name):
        limits = self.limits
        info = self._zip.getinfo(name)
        unpacked = 0
        since_tag = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    unpacked += len(chunk)
                    self._unpacked += len(chunk)
                    if unpacked > info.file_size:
                        raise damaged()
                    if self._unpacked > limits.max_unpacked_bytes:
                        raise unpacks_too_large(limits)
                    since_tag = _run_without_tag(chunk, since_tag, limits)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
            raise damaged() from error
        except NotImplementedError as error:  # a part packed in a way Excel never uses
            raise not_excel() from error
        if unpacked != info.file_size:
            raise damaged()


def _run_without_tag(chunk, since_tag, limits):
    """Bytes since the last "<" once `chunk` is read; refuses a run longer than the limit.
    A run inside one chunk is shorter than the chunk, which is shorter than the limit."""
    first = chunk.find(b"<")
    if first == -1:
        since_tag += len(chunk)
    elif since_tag + first <= limits.max_run_bytes:
        since_tag = len(chunk) - 1 - chunk.rfind(b"<")
    else:
        since_tag += first
    if since_tag > limits.max_run_bytes:
        raise cell_too_long(limits)
    return since_tag
