"""A reader for the YAML subset api/openapi.yaml is written in (standard library only).

Supported: block mappings and block sequences by indentation (spaces), "- "
items holding scalars or mappings, plain / 'single' / "double" quoted
scalars, flow sequences of scalars ([a, 'b', 1]) and {} / [], literal block
scalars (| and |-), comments. Plain scalars resolve as in YAML 1.2's core
schema (null, true/false, integers, floats); everything else is a string.
Anything outside the subset raises YamlError with the line number, so the
spec cannot silently drift into YAML this reader misreads.
"""
import re


class YamlError(ValueError):
    pass


_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def _strip_comment(s):
    """Drop a trailing ' #' comment outside quotes."""
    q = None
    for i, ch in enumerate(s):
        if q:
            if ch == q:
                q = None
        elif ch in "'\"" and (i == 0 or s[i - 1] in " [,:"):
            q = ch
        elif ch == "#" and (i == 0 or s[i - 1] in " \t"):
            return s[:i].rstrip()
    return s.rstrip()


def _scalar(tok, lineno):
    tok = tok.strip()
    if tok == "":
        return None
    if tok[0] == "'":
        if len(tok) < 2 or tok[-1] != "'":
            raise YamlError("line %d: unterminated single-quoted scalar" % lineno)
        return tok[1:-1].replace("''", "'")
    if tok[0] == '"':
        if len(tok) < 2 or tok[-1] != '"':
            raise YamlError("line %d: unterminated double-quoted scalar" % lineno)
        body = tok[1:-1]
        out, i = [], 0
        esc = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "0": "\0"}
        while i < len(body):
            if body[i] == "\\" and i + 1 < len(body):
                if body[i + 1] in esc:
                    out.append(esc[body[i + 1]])
                    i += 2
                    continue
                if body[i + 1] == "u":
                    out.append(chr(int(body[i + 2:i + 6], 16)))
                    i += 6
                    continue
                raise YamlError("line %d: unsupported escape" % lineno)
            out.append(body[i])
            i += 1
        return "".join(out)
    if tok == "[]":
        return []
    if tok == "{}":
        return {}
    if tok[0] == "[":
        if tok[-1] != "]":
            raise YamlError("line %d: flow sequence must fit on one line" % lineno)
        inner = tok[1:-1]
        items, cur, q = [], "", None
        for ch in inner:
            if q:
                cur += ch
                if ch == q:
                    q = None
            elif ch in "'\"":
                q = ch
                cur += ch
            elif ch == ",":
                items.append(cur)
                cur = ""
            elif ch in "[]{}":
                raise YamlError("line %d: nested flow collections are outside the subset" % lineno)
            else:
                cur += ch
        if cur.strip():
            items.append(cur)
        return [_scalar(x, lineno) for x in items]
    if tok[0] in "{&*!%@`|>":
        raise YamlError("line %d: %r is outside the subset" % (lineno, tok[:20]))
    if tok in ("null", "~", "Null", "NULL"):
        return None
    if tok in ("true", "True", "TRUE"):
        return True
    if tok in ("false", "False", "FALSE"):
        return False
    if _INT.match(tok):
        return int(tok)
    if _FLOAT.match(tok):
        return float(tok)
    return tok


def _split_key(text, lineno):
    """'key: value' -> (key, value-text) or None when the line is not a mapping entry."""
    if text[0] in "'\"":
        q = text[0]
        i = 1
        while i < len(text):
            if text[i] == q:
                if q == "'" and i + 1 < len(text) and text[i + 1] == "'":
                    i += 2
                    continue
                break
            i += 1
        rest = text[i + 1:]
        if rest == ":" or rest.startswith(": "):
            return _scalar(text[:i + 1], lineno), rest[1:].strip()
        return None
    m = re.match(r"^([^\s'\"#][^:]*?|[^\s'\"#].*?[^\s]):(?: (.*))?$", text)
    if not m:
        return None
    key = m.group(1)
    if ": " in key:
        return None
    return key, (m.group(2) or "").strip()


class _Lines:
    def __init__(self, text):
        self.raw = text.split("\n")
        self.i = 0

    def peek(self):
        """(indent, text, lineno) of the next meaningful line, or None."""
        while self.i < len(self.raw):
            line = self.raw[self.i]
            if "\t" in line[:len(line) - len(line.lstrip())]:
                raise YamlError("line %d: tab in indentation" % (self.i + 1))
            stripped = line.strip()
            if stripped == "" or stripped.startswith("#"):
                self.i += 1
                continue
            if stripped in ("---", "..."):
                raise YamlError("line %d: multiple documents are outside the subset" % (self.i + 1))
            return len(line) - len(line.lstrip(" ")), _strip_comment(line.strip()), self.i + 1
        return None


def _literal(lines, parent_indent, chomp):
    out, indent = [], None
    while lines.i < len(lines.raw):
        line = lines.raw[lines.i]
        if line.strip() == "":
            out.append("")
            lines.i += 1
            continue
        ind = len(line) - len(line.lstrip(" "))
        if indent is None:
            if ind <= parent_indent:
                break
            indent = ind
        if ind < indent:
            break
        out.append(line[indent:])
        lines.i += 1
    while out and out[-1] == "":
        out.pop()
    text = "\n".join(out)
    return text if chomp == "-" else text + "\n"


def _value(lines, text, indent, lineno):
    """The value after 'key:' or '- ' (text may be empty: a nested block follows)."""
    if text in ("|", "|-"):
        return _literal(lines, indent, "-" if text == "|-" else "")
    if text.startswith(">"):
        raise YamlError("line %d: folded scalars are outside the subset" % lineno)
    if text == "":
        nxt = lines.peek()
        if nxt is None or nxt[0] < indent or (nxt[0] == indent and not nxt[1].startswith("- ") and nxt[1] != "-"):
            return None
        if nxt[0] == indent and not (nxt[1].startswith("- ") or nxt[1] == "-"):
            return None
        return _block(lines, nxt[0])
    return _scalar(text, lineno)


def _block(lines, indent):
    first = lines.peek()
    if first[1].startswith("- ") or first[1] == "-":
        return _sequence(lines, indent)
    return _mapping(lines, indent)


def _mapping(lines, indent, first_entry=None):
    out = {}
    if first_entry is not None:
        k, v = first_entry
        out[k] = v
    while True:
        nxt = lines.peek()
        if nxt is None or nxt[0] < indent:
            return out
        ind, text, lineno = nxt
        if ind > indent:
            raise YamlError("line %d: unexpected indentation" % lineno)
        if text.startswith("- ") or text == "-":
            return out if first_entry is None and out else _bad(lineno, "sequence item inside a mapping")
        kv = _split_key(text, lineno)
        if kv is None:
            raise YamlError("line %d: expected 'key: value', got %r" % (lineno, text[:40]))
        lines.i += 1
        key, rest = kv
        if key in out:
            raise YamlError("line %d: duplicate key %r" % (lineno, key))
        out[key] = _value(lines, rest, indent, lineno)


def _bad(lineno, what):
    raise YamlError("line %d: %s" % (lineno, what))


def _sequence(lines, indent):
    out = []
    while True:
        nxt = lines.peek()
        if nxt is None or nxt[0] < indent:
            return out
        ind, text, lineno = nxt
        if ind > indent:
            raise YamlError("line %d: unexpected indentation" % lineno)
        if not (text.startswith("- ") or text == "-"):
            return out
        lines.i += 1
        item = text[1:].strip()
        item_indent = ind + 2
        if item == "":
            nxt = lines.peek()
            out.append(_block(lines, nxt[0]) if nxt and nxt[0] > indent else None)
            continue
        kv = _split_key(item, lineno) if item[0] not in "[{" else None
        if kv is not None:
            key, rest = kv
            v = _value(lines, rest, item_indent, lineno)
            out.append(_mapping(lines, item_indent, (key, v)))
        else:
            out.append(_value(lines, item, item_indent, lineno))


def loads(text):
    lines = _Lines(text)
    first = lines.peek()
    if first is None:
        return None
    if first[0] != 0:
        raise YamlError("line %d: the document must start at column 0" % first[2])
    doc = _block(lines, 0)
    rest = lines.peek()
    if rest is not None:
        raise YamlError("line %d: unexpected content %r" % (rest[2], rest[1][:40]))
    return doc


def load(path):
    with open(path, encoding="utf-8") as f:
        return loads(f.read())
