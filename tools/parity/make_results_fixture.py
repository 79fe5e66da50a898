"""Writes a small PreferImg-Bench subset and an official-style results file for it,
with `correct` and `accuracy` computed the official way (in Python), for the CLI's
`score` tests:

    python3 tools/parity/make_results_fixture.py
"""
import glob
import json
import os
import random
import re

HERE = os.path.dirname(__file__)
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "cli", "__fixtures__", "bench", "TEST_SP_ID")
TRANSCRIPTS = os.path.join(ROOT, "lib", "preferthinker", "__fixtures__")


def extract_answer(text):
    matches = re.findall(r"<answer>(.*?)</answer>", text, re.DOTALL)
    return matches[-1].strip() if matches else None


def main():
    outputs = []
    for path in sorted(glob.glob(os.path.join(TRANSCRIPTS, "*.txt"))):
        with open(path, encoding="utf-8", newline="") as handle:
            outputs.append(handle.read())
    rng = random.Random(7)
    samples, results = [], []
    for index, output in enumerate(outputs):
        label = "Image A" if rng.random() < 0.5 else "Image B"
        question = "<image>" * 12 + "Which image would this user prefer?"
        if index % 2 == 0:
            conversations = [{"from": "human", "value": label}]
        else:
            conversations = [{"from": "human", "value": question}, {"from": "gpt", "value": "<answer>%s</answer>" % label}]
        sample = {
            "imageA": "s%02d_a.png" % index,
            "imageB": "s%02d_b.png" % index,
            "prefered_images": ["s%02d_p%d.png" % (index, i) for i in range(1, 4)],
            "non_prefered_images": ["s%02d_n%d.png" % (index, i) for i in range(1, 4)],
            "conversations": conversations,
        }
        samples.append(sample)
        extracted = extract_answer(output)
        results.append({
            "imageA": sample["imageA"], "imageB": sample["imageB"], "question": question,
            "ground_truth": label, "model_output": output, "extracted_answer": extracted,
            "correct": 1 if extracted == label else 0,
            "predicted_preference_profile": "", "predicted_non_preference_profile": "",
        })
    accuracy = sum(row["correct"] for row in results) / len(results) * 100
    with open(os.path.join(OUT, "TEST_SP_ID.json"), "w", encoding="utf-8") as handle:
        json.dump(samples, handle, indent=1)
    with open(os.path.join(OUT, "rec_results_demo_TEST_SP_ID.json"), "w", encoding="utf-8") as handle:
        json.dump({"accuracy": accuracy, "results": results}, handle, indent=1)
    print("%d samples, official accuracy %.4f%%" % (len(samples), accuracy))


if __name__ == "__main__":
    main()
