#!/usr/bin/env python3
"""Writes the merge corpus: pairs of a book and a file that are each valid on their own
but would make, merged, a book whose own export is refused (tests/corpus/merge: NAME.book.json,
NAME.file.json; EXPECTED.tsv: name, outcome, collection, id or field). `kept` means the
merge keeps the book's version of that record of the file and goes on; `refused` means
no record can be kept back, and the merge is refused at that record's field.
tests/merge_corpus.rs and e2e/merge.test.mjs read the output."""
import json, os

HERE = os.path.join(os.path.dirname(__file__), "merge")
T = "2026-11-20T08:00:00Z"   # the book's stamps
T2 = "2026-11-25T08:00:00Z"  # a newer edit in the file

def wb(**collections):
    return {"format": "kehu-workbook", "version": 6, "exported_at": T2, "collections": collections}

def stamped(updated=T, **kw):
    return dict(kw, created_at=T, updated_at=updated)

def customer(id="c1", **kw):
    return stamped(id=id, name="张三", phone="13800001234", **kw)

def unit(id, title, level, parent="", updated=T):
    return stamped(updated, id=id, title=title, level=level, parent_id=parent)

cases = []
def case(name, book, file, outcome, collection, what):
    for part, data in (("book", book), ("file", file)):
        with open(os.path.join(HERE, f"{name}.{part}.json"), "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
    cases.append((name, outcome, collection, what))

# The 客服总监 now reports to the manager in the file, while the file's manager (no
# newer than the book's) still reports to the director in the book: a cycle.
case("org-chart-cycle",
     wb(org_units=[unit("u1", "客服总监", "director"), unit("u2", "客服经理", "manager", "u1")]),
     wb(org_units=[unit("u1", "客服总监", "director", "u2", updated=T2), unit("u2", "客服经理", "manager", "")]),
     "kept", "org_units", "u1")

stages = [stamped(id="s-new", name="新线索", position=0), stamped(id="s-deal", name="成交", position=1, won=True)]
# A new opportunity on a default stage, into a book with stages of its own.
case("opportunity-on-a-stage-the-book-lacks",
     wb(customers=[customer()], pipeline_stages=stages),
     wb(customers=[customer()], opportunities=[stamped(id="o1", customer_id="c1", title="年度采购", stage_id="stage-intent")]),
     "refused", "opportunities", "stage_id")
# The same opportunity edited in the file onto such a stage: the book's version stays.
case("opportunity-moved-to-a-stage-the-book-lacks",
     wb(customers=[customer()], pipeline_stages=stages,
        opportunities=[stamped(id="o1", customer_id="c1", title="年度采购", stage_id="s-new")]),
     wb(customers=[customer()], opportunities=[stamped(T2, id="o1", customer_id="c1", title="年度采购", stage_id="stage-intent")]),
     "kept", "opportunities", "o1")

record = lambda at_day, updated=T: stamped(updated, id="r1", customer_id="c1", kind="inbound_call", at=f"2026-11-{at_day}T09:00:00Z", duration_min=5)
callback = stamped(id="cb1", customer_id="c1", follows="r1", due="2026-11-05")
# The file moves the call after the day its callback (in the book) is due.
case("service-record-moved-after-its-callback",
     wb(customers=[customer()], service_records=[record("01")], callbacks=[callback]),
     wb(customers=[customer()], service_records=[record("10", updated=T2)]),
     "kept", "service_records", "r1")

rating = {"id": "q1", "text": "服务态度", "kind": {"type": "rating", "weight": 1.0}}
text = {"id": "q1", "text": "您的建议", "kind": {"type": "text"}}
survey = lambda q, updated=T: stamped(updated, id="sv1", title="满意度调查", questions=[q])
answer = lambda value: stamped(id="a1", survey_id="sv1", customer_id="c1", answers={"q1": value})
# The file's newer survey asks q1 as text; the book holds a rating answer to it.
case("survey-changed-under-its-answers",
     wb(customers=[customer()], surveys=[survey(rating)], survey_responses=[answer({"type": "rating", "value": 4})]),
     wb(customers=[customer()], surveys=[survey(text, updated=T2)]),
     "kept", "surveys", "sv1")
# The file adds a text answer to its own older version of the survey: it fits no
# version the merged book keeps, and nothing newer can be kept back.
case("answer-to-an-older-survey",
     wb(customers=[customer()], surveys=[survey(rating, updated=T2)]),
     wb(customers=[customer()], surveys=[survey(text)], survey_responses=[answer({"type": "text", "value": "很好"})]),
     "refused", "survey_responses", "answers.q1")

with open(os.path.join(HERE, "EXPECTED.tsv"), "w", encoding="utf-8") as f:
    f.write("# case\toutcome\tcollection\tkept id, or refused field\n")
    for c in cases:
        f.write("\t".join(c) + "\n")
print(f"{len(cases)} merge cases written to {HERE}")
