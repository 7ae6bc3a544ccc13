"""The filter's choices, each with how many it keeps (the bar over the canvas that says
what is filtered is ``ui.canvas.filter_bar``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.relations import EVIDENCE, Evidence
from explorer.statements import Confidence
from explorer.views.filters import NO_FILTER, Facets, Filter
from explorer.workspace.state import Change, Workspace
from ui.actions import hint

__all__ = ["FACETS", "FilterPanel"]

# facet attribute (of Filter and Facets) -> its heading
FACETS = {
    "kinds": "Kind",
    "relations": "Relation (edges)",
    "owners": "Owning team",
    "tiers": "Tier",
    "rules": "Ownership gap",
}
_VALUE = Qt.ItemDataRole.UserRole
# the paths an answer keeps, by how sure their weakest link is
SURE_CHOICES = {
    "any, suspected too": Confidence.SUSPECTED,
    "likely or surer": Confidence.LIKELY,
    "declared or surer": Confidence.DECLARED,
    "confirmed only": Confidence.CONFIRMED,
}


_EVIDENCE_TIPS = {
    Evidence.DECLARED: "Count what catalogs, estates and spreadsheets declare",
    Evidence.DEPLOYED: "Count what Compose, Kubernetes and Terraform files wire",
    Evidence.OBSERVED: "Count calls seen in traffic (call graphs)",
}


def _label(text: str, tip: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setToolTip(tip)
    return label


class FilterPanel(QWidget):
    """Tick what to keep; each choice says how many it would keep.

    Signals:
        changed(object): the ``Filter`` the ticks now make.
    """

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setToolTip(f"Show everything again ({hint('clear_filters')})")
        self.clear_button.clicked.connect(lambda: self.changed.emit(NO_FILTER))
        self.sure = QComboBox()
        self.sure.addItems(list(SURE_CHOICES))
        self.sure.setToolTip(
            "Answers leave out what is reached only through relations less sure than this"
        )
        self.evidence = {kind: QCheckBox(kind.value) for kind in EVIDENCE}
        sure_row = QHBoxLayout()
        sure_row.addWidget(_label("Paths:", "How sure a path must be to count"))
        sure_row.addWidget(self.sure, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(sure_row)
        layout.addLayout(self._evidence_row())
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.clear_button)
        self.tree.itemChanged.connect(self._ticked)
        self.sure.currentTextChanged.connect(self._sure_chosen)
        for box in self.evidence.values():
            box.toggled.connect(self._sure_chosen)
        self._filling = False
        self._choices: dict[str, list[QTreeWidgetItem]] = {facet: [] for facet in FACETS}

    def _evidence_row(self) -> QHBoxLayout:
        """A box per kind of evidence, one under the other (the dock is narrow), each
        ticked: answers walk what every kind says."""
        row, boxes = QHBoxLayout(), QVBoxLayout()
        count = _label("Count:", "The kinds of evidence whose dependencies answers walk")
        row.addWidget(count, 0, Qt.AlignmentFlag.AlignTop)
        for kind, box in self.evidence.items():
            box.setChecked(True)
            box.setToolTip(_EVIDENCE_TIPS[kind])
            boxes.addWidget(box)
        row.addLayout(boxes)
        row.addStretch(1)
        return row

    def observe(self, state: Workspace) -> None:
        """The choices and their counts for the open estate, again after an edit."""

        def show() -> None:
            if state.estate is not None:
                self.show_choices(state.estate.facets, state.filter)

        for change in (Change.ESTATE, Change.FACTS, Change.FILTER):
            state.observe(change, show)

    def show_choices(self, facets: Facets, current: Filter) -> None:
        """List every choice of every facet with its count, ticked as ``current`` is."""
        self._filling = True
        sure = next(text for text, level in SURE_CHOICES.items() if level is current.confidence)
        self.sure.setCurrentText(sure)
        for kind, box in self.evidence.items():
            box.setChecked(current.counts(kind))
        self.tree.clear()
        self._choices = {facet: [] for facet in FACETS}
        for facet, heading in FACETS.items():
            counts: Counter[object] = getattr(facets, facet)
            chosen = getattr(current, facet)
            top = QTreeWidgetItem([f"{heading} ({len(counts)})"])
            self.tree.addTopLevelItem(top)
            for value, count in sorted(counts.items(), key=lambda vc: (-vc[1], str(vc[0]))):
                item = QTreeWidgetItem([f"{value} ({count})"])
                item.setData(0, _VALUE, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = value in chosen
                item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                top.addChild(item)
                self._choices[facet].append(item)
            top.setExpanded(bool(chosen) or facet in ("kinds", "tiers"))
        self._filling = False
        self.clear_button.setEnabled(current.active)

    def current(self) -> Filter:
        """The filter the ticks (and the paths' confidence and ways) make."""
        kept = replace(
            NO_FILTER,
            confidence=SURE_CHOICES[self.sure.currentText()],
            evidence=self._counted(),
        )
        for facet, items in self._choices.items():
            ticked = [i.data(0, _VALUE) for i in items if i.checkState(0) == Qt.CheckState.Checked]
            kept = kept.with_facet(facet, ticked)
        return kept

    def _counted(self) -> frozenset[Evidence]:
        """The ticked kinds of evidence; none ticked, or all, counts all."""
        ticked = frozenset(kind for kind, box in self.evidence.items() if box.isChecked())
        return frozenset() if ticked == frozenset(EVIDENCE) else ticked

    def choice(self, facet: str, value: object) -> QTreeWidgetItem | None:
        """The item of one choice (a test or a shortcut ticks it)."""
        return next((i for i in self._choices[facet] if i.data(0, _VALUE) == value), None)

    def _sure_chosen(self, _choice: object) -> None:
        if not self._filling:
            self.changed.emit(self.current())

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._filling and item.parent() is not None:
            self.changed.emit(self.current())
