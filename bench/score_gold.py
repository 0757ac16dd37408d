"""Extract every document that has a gold record in ../shared and score it with the official
scorer (``../shared/eval/score.py``). Prints the scorer's report; ``--json`` for its JSON."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from sendwatch.extract import extract_paths


def gold_documents(shared: Path) -> list[Path]:
    files = []
    for gold in sorted((shared / "gold").glob("*.json")):
        source = json.loads(gold.read_text())["source"]
        for folder in (shared / "seeds", shared / "corpus" / "area-send-2023"):
            if (folder / source).exists():
                files.append(folder / source)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="Also print every error line.")
    args = parser.parse_args()
    if not (args.shared / "gold").is_dir():
        print(f"no gold records at {args.shared}/gold", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        with out.open("w") as f:
            for outcome in extract_paths(gold_documents(args.shared), 100_000_000):
                if outcome.extraction is not None:
                    f.write(json.dumps(outcome.extraction.to_exchange()) + "\n")
        cmd = [
            sys.executable,
            str(args.shared / "eval" / "score.py"),
            str(args.shared / "gold"),
            str(out),
        ]
        if args.json:
            cmd.append("--json")
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = result.stdout.splitlines()
    if not args.errors and not args.json:
        lines = [line for line in lines if not line.startswith("  ")]
    print("\n".join(lines))
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
