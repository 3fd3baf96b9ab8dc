"""Texts users read: the school's rules in words, short names in Russian."""

import ast
import re
from pathlib import Path

from lxml import etree

from odoo.tests import TransactionCase, tagged

ADDONS = Path(__file__).resolve().parents[2]
ADDON_NAMES = ("ejournal_school", "ejournal_school_portal")
REQUIREMENT_ID = re.compile(r"\bREQ-\d+|\bP\d+\.\d+")


def _python_texts(path):
    """String constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text())
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value


def _xml_texts(path):
    """Texts and attributes of a data or view file, comments left out."""
    for element in etree.parse(str(path)).iter():
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        for value in (*element.attrib.values(), element.text, element.tail):
            if value:
                yield element.sourceline, value


@tagged("ejournal")
class TestUserTexts(TransactionCase):
    def test_no_requirement_ids_in_texts(self):
        """REQ-44, REQ-45: the lock and correction messages (and every label,
        help and page) name the school's rule in words; requirement ids stay in
        docstrings and comments."""
        found = []
        for addon in ADDON_NAMES:
            root = ADDONS / addon
            for path in root.rglob("*.py"):
                if "tests" in path.relative_to(root).parts:
                    continue
                for line, text in _python_texts(path):
                    if REQUIREMENT_ID.search(text):
                        found.append(f"{path.relative_to(ADDONS)}:{line}")
            for path in root.rglob("*.xml"):
                for line, text in _xml_texts(path):
                    if REQUIREMENT_ID.search(text):
                        found.append(f"{path.relative_to(ADDONS)}:{line}")
        self.assertEqual(found, [])

    def test_work_type_short_names_in_russian(self):
        """REQ-41, REQ-70: the short names beside marks in the grid and the
        diary are translated ("4Д", not "4D")."""
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(
            ["ejournal_school"], ["ru_RU"], overwrite=True
        )
        ref = self.env.ref
        names = {
            ref(f"ejournal_school.ejournal_work_type_{key}")
            .with_context(lang="ru_RU")
            .short_name
            for key in ("test", "dictation", "control", "homework")
        }
        self.assertEqual(names, {"Т", "Д", "КР", "ДЗ"})
