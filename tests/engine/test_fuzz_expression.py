"""Fuzz ``engine.surfaces.parse_expression`` with the classic sandbox escapes and a
seeded corpus of random token soup, in a subprocess with a timeout.

Every text must either parse into an expression that evaluates on floats and grids
without raising (NaN/inf allowed where the maths has them), or raise ``ExpressionError``
(a ``ValueError``) with a message. Nothing may run code (marker file), hang or crash.
The descent branch has its own hypothesis fuzz; this module adds the escapes and the
process-level guard.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
if __name__ == "__main__":  # the guarded subprocess
    sys.path.insert(0, str(ROOT))
else:
    pytest.importorskip("engine.surfaces")
MARK = "PWNED"
TIMEOUT_S = 120


def escapes(mark: str) -> list[str]:
    """Texts that try to leave the whitelist (each must be refused)."""
    return [
        f"__import__('os').system('touch {mark}')",
        "().__class__.__bases__[0].__subclasses__()",
        "x.__class__",
        "sin.__self__",
        "exp.__globals__",
        "(lambda: 0)()",
        "lambda x: x",
        "[c for c in (1, 2)]",
        "{c for c in (1, 2)}",
        "{c: c for c in (1, 2)}",
        "sum(c for c in (1, 2))",
        "(y := 3)",
        "f'{x}'",
        "'abc'",
        "b'x'",
        "...",
        "None",
        "True",
        "x if y else 0",
        "x[0]",
        "x[0:1]",
        "x and y",
        "not x",
        "x < y",
        "x == y",
        "*x",
        "await x",
        "(yield x)",
        f"open('{mark}', 'w')",
        "eval('1')",
        "exec('1')",
        "globals()",
        "__builtins__",
        "breakpoint()",
        "getattr(x, 'real')",
        "sin(x, y)",
        "sin()",
        "sin(x=1)",
        "sin(*[x])",
        "np.sin(x)",
        "x.real",
        "x @ y",
        "x // y",
        "x % y",
        "x ^ y",
        "~x",
        "x << 2",
        "9**9**9**9",
        "10**10**10",
        "1e400",
        "-1e400 * x",
        "exp(1000)",
        "log(-1)",
        "sqrt(-1)",
        "1/0",
        "(" * 1000 + "x" + ")" * 1000,
        "-" * 10000 + "1",
        "x" + "+x" * 150,
        "exp(" * 50 + "x" + ")" * 50,
        "x\x00",
        "x\\\n+1",
        "x # comment",
        "x;y",
        "import os",
        "x = 1",
        "",
        "   ",
        "x" * 301,
        "\u202ex",
        "ｘ+ｙ",  # full-width letters: NFKC makes them x + y (allowed)
        "𝓍",
    ]


TOKENS = [
    "x", "y", "x0", "x1", "pi", "e", "1", "0", "2.5", "1e308", "1e-308", "0.0",
    "+", "-", "*", "/", "**", "(", ")", ",", " ", "sin", "cos", "tan", "exp", "log",
    "sqrt", "abs", "tanh", ".", "_", "__", "[", "]", "{", "}", "'", "\"", ":", "=",
    "lambda", "for", "in", "if", "else", "import", "os", "class", "%", "@", "<", "!",
]  # fmt: skip


def token_soup(count: int, seed: int = 9) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(TOKENS) for _ in range(rng.randrange(1, 30))) for _ in range(count)]


def child(folder: Path) -> None:
    """In the subprocess: parse and evaluate every text, one JSON line each."""
    import resource

    from engine.surfaces import ExpressionError, parse_expression

    limit = 3 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    texts = json.loads((folder / "texts.json").read_text("utf-8"))
    grid = np.meshgrid(np.linspace(-3, 3, 7), np.linspace(-2, 2, 5))
    for text in texts:
        start = time.monotonic()
        try:
            f = parse_expression(text)
            value = f(1.5, -0.5)
            values = f(*grid)
            assert np.shape(values) == grid[0].shape, np.shape(values)
            float(value)
            outcome, message = "ok", ""
        except ExpressionError as exc:
            outcome, message = "refused", str(exc)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            outcome, message = "crash", f"{type(exc).__name__}: {exc}"[:300]
        seconds = round(time.monotonic() - start, 3)
        print(json.dumps({"outcome": outcome, "message": message, "seconds": seconds}), flush=True)


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_parser_fuzz_in_a_guarded_subprocess(tmp_path):
    mark = str(tmp_path / MARK)
    classic = escapes(mark)
    texts = classic + token_soup(3000)
    (tmp_path / "texts.json").write_text(json.dumps(texts), "utf-8")
    done = subprocess.run(
        [sys.executable, __file__, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == len(texts)
    crashes = [(t, r) for t, r in zip(texts, results, strict=True) if r["outcome"] == "crash"]
    assert not crashes, crashes[:5]
    for text, r in zip(texts, results, strict=True):
        if r["outcome"] == "refused":
            assert r["message"].strip(), text
        assert r["seconds"] < 5, (text, r)
    allowed = {"log(-1)", "sqrt(-1)", "ｘ+ｙ", "𝓍", "x\\\n+1", "x # comment", "x" + "+x" * 150}
    for text, r in zip(classic, results[: len(classic)], strict=True):
        if text not in allowed:
            assert r["outcome"] == "refused", (text, r)
    assert not Path(mark).exists(), "an expression ran code"
    accepted = sum(r["outcome"] == "ok" for r in results)
    print(f"\nexpression fuzz: {len(texts)} texts, {accepted} accepted, 0 crashes")


if __name__ == "__main__":
    child(Path(sys.argv[1]))
