"""Python reference for the official PreferThinker readers (PROTOCOL.md section 4).

Regenerates lib/preferthinker/__fixtures__/official-parity.json, which the
TypeScript tests compare against, so parity is checked against Python's own
regex and whitespace semantics:

    python3 tools/parity/official_readers.py
"""
import json
import os
import re

TAGS = ("visual preference profile", "visual non-preference profile", "think", "answer")


def last_block(text, tag):
    matches = re.findall(r"<%s>(.*?)</%s>" % (tag, tag), text, re.DOTALL)
    return matches[-1] if matches else None


def strict_answer(text):
    block = last_block(text, "answer")
    return block.strip() if block is not None else None


def fold(text):
    block = last_block(text, "answer")
    if block is not None:
        text = block
    for char in ["\n", "\r"]:
        text = re.sub(r"(?<=\s)" + re.escape(char), "", text)
        text = re.sub(r"(?<!\s)" + re.escape(char), " ", text)
    return text.strip().rstrip(".").lower()


FORMAT = (
    r"<visual preference profile>.*?</visual preference profile>\s*"
    r"<visual non-preference profile>.*?</visual non-preference profile>\s*"
    r"<think>.*?</think>\s*<answer>.*?</answer>"
)


def format_valid(text):
    return re.fullmatch(FORMAT, text, re.DOTALL) is not None


def flatten(text, tag):
    block = last_block(text, tag)
    if block is None:
        return ""
    return re.sub(r"\s+", " ", fold(block).replace('"', ""))


PROFILE = '<visual preference profile>\n"Art Styles": "Oil, Impressionist.",\n"Color": "Warm"\n</visual preference profile>'
NON_PROFILE = '<visual non-preference profile>\n"Color": "Cold\xa0neon"\n</visual non-preference profile>'
FULL = PROFILE + "\n\n" + NON_PROFILE + "\n<think>\n1. Color:\nImage A(2) - x\n</think>\n"

CASES = [
    "",
    "Image A",
    "<answer>Image A</answer>",
    "<answer> Image B \n</answer>",
    "<answer>\nimage b.\n</answer>",
    "<answer>Image A..</answer>",
    "<answer>Image\n\nB</answer>",
    "<answer>Image \nB</answer>",
    "<answer>Image\r\nB</answer>",
    "<answer>Image\rB</answer>",
    "<answer>\x85Image A\x1f</answer>",
    "<answer>\ufeffImage A</answer>",
    "<answer>\u3000Image B\u2029</answer>",
    "<answer>Image A</answer> then <answer>Image B</answer>",
    "<answer>Image A <answer>Image B</answer>",
    "<answer>Image A</answer><answer></answer>",
    "<ANSWER>Image A</ANSWER>",
    "<answer>Image A",
    "I pick Image B.\n",
    "I pick\nImage B. \n",
    FULL + "<answer>Image A</answer>",
    FULL + "\n<answer>Image A</answer>\n",
    " " + FULL + "<answer>Image A</answer>",
    FULL + "<answer>Image A</answer>\nWait\n<answer>Image B</answer>",
    FULL.replace("\n\n", "\n\ufeff\n") + "<answer>Image A</answer>",
    FULL.replace("\n\n", "\n\x85\n") + "<answer>Image A</answer>",
    FULL + "chatter<answer>Image A</answer>",
    PROFILE + PROFILE.replace("Warm", "Cool") + NON_PROFILE,
]

LABELS = ["Image A", "Image B", "image b", " Image A\n"]


def main():
    rows = []
    for text in CASES:
        rows.append({
            "text": text,
            "strictAnswer": strict_answer(text),
            "formatValid": format_valid(text),
            "folded": fold(text),
            "preferenceFlat": flatten(text, "visual preference profile"),
            "nonPreferenceFlat": flatten(text, "visual non-preference profile"),
            "strictCorrect": {label: int(strict_answer(text) == label) for label in LABELS},
            "lenientCorrect": {label: int(fold(text) == fold(label)) for label in LABELS},
        })
    out = os.path.join(os.path.dirname(__file__), "..", "..", "lib", "preferthinker", "__fixtures__", "official-parity.json")
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(rows, handle, ensure_ascii=True, indent=1)
        handle.write("\n")
    print("wrote %d cases to %s" % (len(rows), os.path.normpath(out)))


if __name__ == "__main__":
    main()
