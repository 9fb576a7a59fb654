#!/usr/bin/env python3
"""TextRank picks for the key-point bench (examples/keypoint-quality.rs).

Reads a JSON list of {"name", "sentences", "picks"} (the sentences already
split, so that every method chooses among the same ones) and prints a JSON
object mapping each name to TextRank's picks, in reading order.

TextRank is sumy's TextRankSummarizer with its English stemmer and stop
words. Words are runs of letters and digits, as in the bench, so that no
NLTK data has to be downloaded.

The first run creates a virtual environment under target/textrank-venv and
installs sumy (and NumPy, which its TextRank needs) from PyPI into it; briefing itself never needs Python.

    python3 benches/textrank.py INPUT.json > picks.json
"""

import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "textrank-venv")
VENV_PYTHON = os.path.join(VENV, "bin", "python")


def ensure_venv():
    """Re-runs this script inside the virtual environment with sumy."""
    if os.path.abspath(sys.prefix) == os.path.abspath(VENV):
        return
    if not os.path.exists(VENV_PYTHON):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    probe = subprocess.run([VENV_PYTHON, "-c", "import sumy, numpy"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run(
            [VENV_PYTHON, "-m", "pip", "install", "--quiet", "sumy==0.13.0", "numpy"],
            check=True,
            stdout=sys.stderr,
        )
    os.execv(VENV_PYTHON, [VENV_PYTHON] + sys.argv)


class Words:
    """A tokenizer for sumy that needs no NLTK data."""

    language = "english"

    @staticmethod
    def to_words(text):
        return re.findall(r"[^\W_]+", text)

    @staticmethod
    def to_sentences(text):
        return [text]


def main():
    ensure_venv()
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    with open(sys.argv[1], encoding="utf-8") as f:
        docs = json.load(f)
    summarizer = TextRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    out = {}
    for doc in docs:
        sentences = [Sentence(s, Words()) for s in doc["sentences"]]
        document = ObjectDocumentModel([Paragraph(sentences)])
        picked = summarizer(document, doc["picks"])
        out[doc["name"]] = [str(s) for s in picked]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
