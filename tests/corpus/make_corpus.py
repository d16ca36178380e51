#!/usr/bin/env python3
"""Writes the fault corpus: workbook files Kehu must refuse, each with the problem it
must report (tests/corpus/bad/EXPECTED.tsv: file, problem kind, path). Run it again
after changing a case; tests/fault_corpus.rs and e2e/faults.test.mjs read the output."""
import json, os

HERE = os.path.join(os.path.dirname(__file__), "bad")
T = "2026-11-20T08:00:00Z"

def customer(id="a", **kw):
    c = {"id": id, "name": "张三", "phone": "13800001234", "created_at": T, "updated_at": T}
    c.update(kw)
    return c

def book(collections=None, **top):
    wb = {"format": "kehu-workbook", "version": 6, "exported_at": T, "collections": collections if collections is not None else {"customers": [customer()]}}
    wb.update(top)
    return wb

cases = []
def case(name, content, kind, path=""):
    data = content if isinstance(content, bytes) else (content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)).encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    cases.append((name, kind, path))

def without(d, key):
    d = dict(d); d.pop(key); return d

valid = json.dumps(book(), ensure_ascii=False)
case("empty.json", b"", "Empty")
case("whitespace.json", b"  \n\t\n", "Empty")
case("truncated.json", valid[: len(valid) // 2], "Syntax")
case("not-json.json", "这不是工作簿", "Syntax")
case("top-level-array.json", "[]", "NotAnObject")
case("top-level-string.json", '"kehu-workbook"', "NotAnObject")
case("top-level-null.json", "null", "NotAnObject")
case("wrong-format.json", book(format="excel-workbook"), "WrongFormat", "format")
case("no-format.json", without(book(), "format"), "WrongFormat", "format")
case("newer-version.json", book(version=99), "NewerVersion", "version")
case("version-zero.json", book(version=0), "WrongValue", "version")
case("version-as-text.json", book(version="6"), "WrongValue", "version")
case("no-version.json", without(book(), "version"), "MissingField", "version")
case("no-exported-at.json", without(book(), "exported_at"), "MissingField", "exported_at")
case("exported-at-not-a-date.json", book(exported_at="yesterday"), "WrongValue", "exported_at")
case("unknown-top-level-field.json", book(extra=1), "UnknownField", "extra")
case("unknown-collection.json", book({"widgets": []}), "UnknownField", "collections.widgets")
case("collections-as-list.json", book([]), "WrongValue", "collections")
case("customers-as-object.json", book({"customers": {}}), "WrongValue", "collections.customers")
case("customer-without-name.json", book({"customers": [without(customer(), "name")]}), "MissingField", "collections.customers[0]")
case("customer-name-a-number.json", book({"customers": [customer(name=42)]}), "WrongValue", "collections.customers[0].name")
case("customer-bad-email.json", book({"customers": [customer(email="not-an-address")]}), "Invalid", "collections.customers[0].email")
case("customer-bad-phone.json", book({"customers": [customer(phone="12345")]}), "Invalid", "collections.customers[0].phone")
case("duplicate-ids.json", book({"customers": [customer(), customer(name="李四")]}), "DuplicateId", "collections.customers[1].id")
case("reference-to-nothing.json", book({"customers": [customer()], "service_records": [
    {"id": "r1", "customer_id": "nobody", "kind": "inbound_call", "at": T, "duration_min": 5, "created_at": T, "updated_at": T}]}),
    "Invalid", "collections.service_records[0].customer_id")
case("org-chart-loop.json", book({"org_units": [
    {"id": "u1", "title": "客服总监", "level": "director", "parent_id": "u2", "created_at": T, "updated_at": T},
    {"id": "u2", "title": "客服经理", "level": "manager", "parent_id": "u1", "created_at": T, "updated_at": T}]}),
    "Invalid", "collections.org_units[0].parent_id")
case("changed-in-the-future.json", book({"customers": [customer(updated_at="2199-01-01T00:00:00Z")]}), "Invalid(FutureDate", "collections.customers[0].updated_at")
case("updated-before-created.json", book({"customers": [customer(created_at="2026-11-21T00:00:00Z")]}), "Invalid", "collections.customers[0].updated_at")
case("utf16-le.json", b"\xff\xfe" + valid.encode("utf-16-le"), "NotUtf8")
case("utf16-be.json", b"\xfe\xff" + valid.encode("utf-16-be"), "NotUtf8")
case("gbk.json", valid.encode("gbk"), "NotUtf8")
case("deeply-nested-top.json", "[" * 100000 + "]" * 100000, "NotAnObject")
case("deeply-nested.json", '{"format":"kehu-workbook","version":6,"exported_at":"%s","collections":{"customers":[%s%s]}}' % (T, "[" * 5000, "]" * 5000), "WrongValue", "collections.customers[0][0]")
case("version-5-with-feedback.json", book({"feedback": []}, version=5), "UnknownField", "collections.feedback")
case("owner-a-number.json", book(owner=5), "WrongValue", "owner")
case("stage-unknown.json", book({"customers": [customer(stage="vip")]}), "WrongValue", "collections.customers[0].stage")
case("birthday-not-a-date.json", book({"customers": [customer(birthday="1990-13-45")]}), "WrongValue", "collections.customers[0].birthday")

# Issue 18: duplicate keys (written by hand: json.dumps cannot repeat a key).
def text(o):
    return json.dumps(o, ensure_ascii=False)
HEAD = '"format":"kehu-workbook","version":6,"exported_at":"%s"' % T
three = text([customer("a"), customer("b"), customer("c")])
case("duplicate-key-collections.json", '{%s,"collections":{"customers":%s},"collections":{}}' % (HEAD, three), "DuplicateKey", "collections")
case("duplicate-key-customers.json", '{%s,"collections":{"customers":%s,"customers":%s}}' % (HEAD, three, text([customer("d")])), "DuplicateKey", "collections.customers")
case("duplicate-key-in-a-record.json", '{%s,"collections":{"customers":[%s,%s,%s]}}' % (HEAD, text(customer("a")), text(customer("b")), text(customer("c"))[:-1] + ',"name":"李四"}'), "DuplicateKey", "collections.customers[2].name")
order = '{"id":"o1","customer_id":"a","date":"2026-11-01","items":[{"name":"T恤","name":"袜子","quantity":1,"unit_price":9}],"created_at":"%s","updated_at":"%s"}' % (T, T)
case("duplicate-key-nested.json", '{%s,"collections":{"customers":[%s],"orders":[%s]}}' % (HEAD, text(customer("a")), order), "DuplicateKey", "collections.orders[0].items[0].name")
# An oversized bad value: refused with a short message (the test checks its length).
case("oversized-bad-value.json", book({"customers": [customer(stage="x" * (4 * 1024 * 1024))]}), "WrongValue", "collections.customers[0].stage")
case("owner-name-a-million-characters.json", book(owner={"name": "名" * 1_000_000, "class": "电商2301", "student_id": "230101"}), "Invalid(TooLong", "owner.name")
# Dates out of range, refused for their year, not for their order.
case("created-at-year-99999.json", book({"customers": [customer(created_at="99999-01-01T00:00:00Z")]}), "Invalid(YearOutOfRange", "collections.customers[0].created_at")
case("birthday-0001-01-01.json", book({"customers": [customer(birthday="0001-01-01")]}), "Invalid(YearOutOfRange", "collections.customers[0].birthday")
case("birthday-9999-12-31.json", book({"customers": [customer(birthday="9999-12-31")]}), "Invalid(FutureDate", "collections.customers[0].birthday")
# Ids and names.
case("id-path-traversal.json", book({"customers": [customer("../../workbook")]}), "Invalid(BadId", "collections.customers[0].id")
case("name-only-zero-width.json", book({"customers": [customer(name="\u200b\u200c\u200d\ufeff\u2060")]}), "Invalid(NoVisibleCharacter", "collections.customers[0].name")

# Hostile feedback files, for the book of 李明 (230101) with id book-1 (feedback/EXPECTED.tsv:
# file, the refusal's variant).
FB = os.path.join(os.path.dirname(__file__), "feedback")
os.makedirs(FB, exist_ok=True)
def grade(id="p1-t1", at=T):
    return {"id": id, "grade": "A", "comment": "很好", "reviewer": "王老师", "created_at": at, "updated_at": at}
def feedback(**kw):
    f = {"format": "kehu-feedback", "version": 1, "written_at": T, "reviewer": "王老师",
         "student": {"name": "李明", "class": "电商2301", "student_id": "230101"}, "book_id": "book-1",
         "workbook_exported_at": T, "feedback": [grade()]}
    f.update(kw)
    return f
fb_cases = []
def fb_case(name, content, kind):
    data = content if isinstance(content, str) else text(content)
    with open(os.path.join(FB, name), "wb") as f:
        f.write(data.encode("utf-8"))
    fb_cases.append((name, kind))
fb_case("good.json", feedback(), "Ok")
fb_case("no-book-id.json", without(feedback(), "book_id"), "NoBookId")
fb_case("no-book-id-no-student-id.json", without(feedback(student={"name": "李明", "class": "电商2301"}), "book_id"), "NoStudentId")
fb_case("other-book.json", feedback(book_id="book-2"), "OtherBook")
fb_case("exercise-script-id.json", feedback(feedback=[grade("zz-<script>")]), "UnknownExercise")
fb_case("duplicate-exercise-ids.json", feedback(feedback=[grade(), grade()]), "DuplicateExercise")
fb_case("updated-at-2099.json", feedback(feedback=[grade(at="2099-01-01T00:00:00Z")]), "FutureStamp")
fb_case("written-at-2099.json", feedback(written_at="2099-01-01T00:00:00Z", feedback=[grade(at="2099-01-01T00:00:00Z")]), "FutureStamp")
fb_case("duplicate-key.json", text(feedback())[:-1] + ',"book_id":"book-1"}', "DuplicateKey")
with open(os.path.join(FB, "EXPECTED.tsv"), "w", encoding="utf-8") as f:
    f.write("# file\tthe refusal (FeedbackError variant), or Ok\n")
    for name, kind in fb_cases:
        f.write(f"{name}\t{kind}\n")

with open(os.path.join(HERE, "EXPECTED.tsv"), "w", encoding="utf-8") as f:
    f.write("# file\tfirst problem kind\tits path (empty: the whole file)\n")
    for name, kind, path in cases:
        f.write(f"{name}\t{kind}\t{path}\n")
print(len(cases), "workbook cases,", len(fb_cases), "feedback cases")
