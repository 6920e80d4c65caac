#!/usr/bin/env python3
"""Checks `ready` against real checklists and GitHub's own renderer.

For every Markdown file in CORPUS/markdown (and any extra directories given), the number of task
boxes and ticked boxes `ready` reports must equal what cmark-gfm (GitHub's Markdown renderer,
via the cmarkgfm package) renders. A file with no task box may instead be refused as having
nothing to gate. Every YAML file in CORPUS/yaml must either check or fail with exit code 2 and a
located error, never a crash. Prints one line per problem and a closing tally.

Then the reading check: corpus_labels.toml, beside this script, holds how a release engineer
reads each Markdown file of the corpus (its categories, its must/should/nice groups, its
launch-day, post-launch and contingency sections, its sign-off roles and its declared score).
`ready export` and `ready check --format json` are compared with those labels class by class,
and the agreement per class is printed. A disagreement the labels explain (their `explained`
table says why it is kept) is listed but does not fail; any other one does, and so does a
corpus file without labels.

usage: corpus_check.py READY_BINARY CORPUS_DIR [EXTRA_MARKDOWN_DIR ...]
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tomllib
import unicodedata

import cmarkgfm
from cmarkgfm.cmark import Options

FRONT_MATTER = re.compile(r"---\r?\n.*?\r?\n(?:---|\.\.\.)\r?\n", re.S)
CHECKBOX = re.compile(r'<input type="checkbox"[^>]*>')


def github_counts(path):
    text = open(path, "rb").read().decode("utf-8", errors="replace")
    text = text.removeprefix("\ufeff")
    match = FRONT_MATTER.match(text)
    if match:
        text = text[match.end():]
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    boxes = CHECKBOX.findall(html)
    return len(boxes), sum("checked" in b for b in boxes)


def ready(binary, path):
    return subprocess.run(
        [binary, "check", "--format", "json", "--threshold", "0", path],
        capture_output=True, text=True, timeout=60,
    )


def check_markdown(binary, path):
    expected = github_counts(path)
    run = ready(binary, path)
    if run.returncode in (0, 1):
        summary = json.loads(run.stdout)["summary"]
        got = (summary["items"], summary["checked"])
        return None if got == expected else f"GitHub renders {expected}, ready counts {got}"
    if expected[0] == 0 and run.returncode == 2 and "nothing to gate" in run.stderr:
        return None
    return f"exit {run.returncode}: {run.stderr.strip()[:300]}"


def check_yaml(binary, path):
    run = ready(binary, path)
    if run.returncode in (0, 1):
        json.loads(run.stdout)
        return None
    name = os.path.basename(path)
    if run.returncode == 2 and f"{name}:" in run.stderr and "panicked" not in run.stderr:
        return None
    return f"exit {run.returncode}: {run.stderr.strip()[:300]}"


LABELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus_labels.toml")
CLASSES = ("categories", "priorities", "phases", "signoffs", "declared_score")
PRIORITIES = ("must", "should", "nice")
PHASES = ("launch", "post_launch", "contingency")


def norm(text):
    """A heading or role as a person compares it: no icons, numbering, case or punctuation."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"^[^\w]*", "", text)
    text = re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", text)
    return "".join(ch for ch in text if ch.isalnum())


def walk(section, ancestors, out):
    """Every item of the exported tree with the titles of the sections and items above it."""
    path = ancestors + [section["title"]]
    for item in section.get("items", []):
        walk_item(item, path, section, out)
    for child in section.get("sections", []):
        walk(child, path, out)


def walk_item(item, path, section, out):
    out.append((path + [item["title"]], item, section))
    for child in item.get("items", []):
        walk_item(child, path + [item["title"]], section, out)


def digest(text):
    """How a label names an item without quoting it: the start of the SHA-1 of its normal form,
    so the labels file holds no corpus text beyond headings."""
    return "sha1:" + hashlib.sha1(norm(text).encode()).hexdigest()[:12]


def named(label):
    """A label's key in a lookup table: a digest as written, words in their normal form."""
    return label if label.startswith("sha1:") else norm(label)


def labelled(path, table):
    """The label of the nearest heading or item on `path` that `table` names, by its words or
    by their digest."""
    for title in reversed(path):
        found = table.get(norm(title)) or table.get(digest(title))
        if found:
            return found
    return None


def reading(binary, path, label):
    """Per class, None when ready reads the file as labelled, else what differs."""
    tree = json.loads(subprocess.run([binary, "export", "--format", "json", path],
                                     capture_output=True, text=True, timeout=60,
                                     check=True).stdout)
    report = json.loads(ready(binary, path).stdout)
    found = {}
    want = [norm(c) for c in label.get("categories", [])]
    got = [norm(c["name"]) for c in report["categories"]]
    found["categories"] = None if want == got else f"labelled {want}, read {got}"
    items = []
    walk({"title": tree.get("title") or "", "items": tree.get("items", []),
          "sections": tree.get("sections", [])}, [], items)
    for cls, names, default, key in (("priorities", PRIORITIES, None, "priority"),
                                     ("phases", PHASES, "pre_launch", "phase")):
        # `plain` (no priority) and `pre_launch` name what is left at the default under a
        # labelled heading or item, such as a sub-item without (R) under an (R) item.
        overrides = {"priorities": "plain", "phases": "pre_launch"}[cls]
        table = {named(t): name for name in names for t in label.get(name, [])}
        table.update({named(t): "default" for t in label.get(overrides, [])})
        wrong = []
        for path_, item, _ in items:
            expected = labelled(path_, table) or default
            expected = default if expected == "default" else expected
            actual = item.get(key)
            actual = actual.replace("-", "_") if actual else default
            if expected != actual:
                wrong.append(f"{path_[-1][:40]!r}: labelled {expected}, read {actual}")
        found[cls] = None if not wrong else f"{len(wrong)} items, e.g. " + "; ".join(wrong[:3])
    want = sorted(norm(r) for r in label.get("signoffs", []))
    got = sorted(norm(s["role"]) for s in tree.get("signoffs", []))
    found["signoffs"] = None if want == got else f"labelled {want}, read {got}"
    want, got = label.get("declared_score"), tree.get("declared_score")
    same = (want is None) == (got is None) and (want is None or abs(want - got) < 0.5)
    found["declared_score"] = None if same else f"labelled {want}, read {got}"
    return found


def check_labels(binary, corpus):
    """Compares every labelled file; returns the number of unexplained disagreements."""
    labels = tomllib.load(open(LABELS, "rb"))
    directory = os.path.join(corpus, "markdown")
    names = sorted(n for n in os.listdir(directory) if n.endswith(".md"))
    failed = 0
    # Every corpus file carries a label: one added to the corpus without one fails until a
    # person has read it; a label whose file is gone fails too.
    unlabelled = sorted(set(names) - set(labels))
    for name in unlabelled:
        failed += 1
        print(f"FAIL unlabelled {name}: read it and add its labels to {os.path.basename(LABELS)}")
    for name in sorted(set(labels) - set(names)):
        failed += 1
        print(f"FAIL {name}: labelled, but not in the corpus")
    print(f"labels: {len(names) - len(unlabelled)}/{len(names)} files labelled by hand")
    agree = {cls: 0 for cls in CLASSES}
    gated = 0
    for name in names:
        label = labels.get(name)
        if label is None or not label.get("gated", True):
            continue
        gated += 1
        explained = label.get("explained", {})
        for cls, problem in reading(binary, os.path.join(directory, name), label).items():
            if problem is None:
                agree[cls] += 1
                if cls in explained:
                    # An explanation of a disagreement that is gone would mislead the reader.
                    failed += 1
                    print(f"FAIL {name} {cls}: agrees now; remove its `explained` entry")
            elif cls in explained:
                print(f"kept  {name} {cls}: {problem} ({explained[cls]})")
            else:
                failed += 1
                print(f"FAIL {name} {cls}: {problem}")
    for cls in CLASSES:
        print(f"reading {cls}: {agree[cls]}/{gated} files agree with their labels")
    return failed


def main():
    binary, corpus, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    jobs = []
    for directory in [os.path.join(corpus, "markdown"), *extra]:
        for name in sorted(os.listdir(directory)):
            if name.endswith(".md"):
                jobs.append((check_markdown, os.path.join(directory, name)))
    yaml_dir = os.path.join(corpus, "yaml")
    if os.path.isdir(yaml_dir):
        for name in sorted(os.listdir(yaml_dir)):
            jobs.append((check_yaml, os.path.join(yaml_dir, name)))
    failed = 0
    for check, path in jobs:
        problem = check(binary, path)
        if problem:
            failed += 1
            print(f"FAIL {path}: {problem}")
    print(f"corpus: {len(jobs) - failed} passed, {failed} failed")
    failed += check_labels(binary, corpus)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
