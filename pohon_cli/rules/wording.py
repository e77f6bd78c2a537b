"""What the words say: an indicator's name against its unit, a goal written as an activity."""

from __future__ import annotations

from collections.abc import Iterator

from pohon_cli.i18n import N_, _
from pohon_cli.model import Node, Tree
from pohon_cli.problem import Problem
from pohon_cli.rules.base import (
    COUNT_UNITS,
    PERCENT_UNITS,
    Option,
    Options,
    Rule,
    at,
    clip,
    first_word,
    leading_words,
    span,
    unit_word,
)


def _name_unit(tree: Tree, options: Options) -> Iterator[Problem]:
    percent_words = options.folded("percent-words")
    count_words = options.folded("count-words")
    score_words = options.folded("score-words")
    grade_words = options.folded("grade-words")
    percent_units = options.folded("percent-units")
    count_units = options.folded("count-units")
    measures = percent_words | count_words | score_words
    named = measures | grade_words
    for _node, indicator in tree.indicators():
        unit = unit_word(indicator.unit)
        if unit is None:
            continue
        words = leading_words(indicator.description, 2)
        word = words[0] if words else ""
        if word not in named:
            continue  # a name that says nothing of what it measures
        # "Opini BPK ..." or "Persentase Opini ...": what is measured is a grade
        graded = word in grade_words or (
            word in measures and len(words) > 1 and words[1] in grade_words
        )
        values = {
            "kode": indicator.code,
            "name": clip(indicator.description, 50),
            "satuan": indicator.unit,
        }
        if graded:
            if unit not in percent_units and unit not in count_units:
                continue  # "Persentase Opini WTP" in `opini`: the grade is what is measured
            message = _(
                '`{kode}` is named "{name}", which measures an opinion or a grade (WTP, B, '
                "...), not a number, but its satuan is `{satuan}`",
                **values,
            )
        elif word in percent_words and unit not in percent_units:
            message = _(
                '`{kode}` is named "{name}", which measures a percentage (persen), but its '
                "satuan is `{satuan}`",
                **values,
            )
        elif word in count_words and unit in percent_units:
            message = _(
                '`{kode}` is named "{name}", which measures a count, not a percentage, but its '
                "satuan is `{satuan}`",
                **values,
            )
        elif word in score_words and (unit in percent_units or unit in count_units):
            message = _(
                '`{kode}` is named "{name}", which measures a score (nilai, indeks), not a '
                "percentage or a count, but its satuan is `{satuan}`",
                **values,
            )
        else:
            continue
        yield NAME_UNIT_MISMATCH.problem(
            tree,
            at(tree, indicator.code, "satuan"),
            message,
            _("make the satuan fit what the name measures, or rename the indicator"),
        )


NAME_UNIT_MISMATCH = Rule(
    code="PK107",
    name="name-unit-mismatch",
    severity="warning",
    summary=N_("An indicator's name and its `satuan` disagree."),
    rationale=N_(
        'Indonesian indicator names say what they measure: "Persentase ..." is a percentage, '
        '"Jumlah ..." a count, "Nilai ..." and "Indeks ..." a score, "Opini ..." (also '
        '"Persentase Opini ...") an opinion such as WTP, which no number measures. When the '
        "satuan says otherwise, one of the two is wrong, and targets, achievement and the "
        "Perjanjian Kinerja inherit the mistake. Often a row copied from another indicator."
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: jumlah
        target: {2024: 77}
""",
    good="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        target: {2024: 77}
""",
    check=_name_unit,
    options=(
        Option(
            "percent-words",
            "words",
            ("persentase", "persentasi", "prosentase", "presentase"),
            N_("first words that name a percentage"),
        ),
        Option(
            "count-words", "words", ("jumlah", "banyaknya"), N_("first words that name a count")
        ),
        Option(
            "score-words", "words", ("nilai", "indeks", "skor"), N_("first words that name a score")
        ),
        Option(
            "grade-words",
            "words",
            ("opini", "predikat"),
            N_("words (first, or after a measure word) that name a grade, not a number"),
        ),
        Option("percent-units", "words", PERCENT_UNITS, N_("satuan that mean a percentage")),
        Option("count-units", "words", COUNT_UNITS, N_("satuan that mean a count")),
    ),
)

ACTIVITY_WORDS: tuple[str, ...] = (
    "pelaksanaan",
    "penyusunan",
    "fasilitasi",
    "penyelenggaraan",
    "pengelolaan",
    "penyediaan",
    "pembinaan",
    "pengembangan",
    "peningkatan",
    "pembangunan",
    "pengadaan",
    "pemeliharaan",
    "penguatan",
    "penataan",
    "pemutakhiran",
    "penyiapan",
    "perencanaan",
    "koordinasi",
    "sosialisasi",
    "monitoring",
    "evaluasi",
    "pendampingan",
    "pelatihan",
    "optimalisasi",
    "melaksanakan",
    "menyusun",
    "menyelenggarakan",
    "memfasilitasi",
    "mengelola",
    "menyediakan",
    "meningkatkan",
    "mewujudkan",
    "mengembangkan",
    "membangun",
    "memperkuat",
    "mengoptimalkan",
)
CONDITION_WORDS: tuple[str, ...] = (
    "Meningkatnya",
    "Terwujudnya",
    "Tersedianya",
    "Terlaksananya",
    "Menurunnya",
    "Terjaganya",
    "Menguatnya",
    "Tercapainya",
)


def _goal_as_activity(tree: Tree, options: Options) -> Iterator[Problem]:
    activity = options.folded("activity-words")
    conditions = ", ".join(f"{w} ..." for w in options.words("condition-words")[:3])
    levels = tree.header.levels
    checked = options.chosen("levels")
    if checked is None:
        checked = frozenset(level.casefold() for level in levels[:-1])
    # names fixed by the nomenclature (Permendagri 90/2019): the office cannot reword them
    fixed = options.folded("nomenclature-levels")
    national = options.flag("check-national")
    for node in tree.nodes.values():
        if node.national and not national:
            continue
        level = node.level.casefold()
        if level in checked and level not in fixed:
            yield from _activity(
                tree, node, "uraian", activity=activity, conditions=conditions, lowest=levels[-1]
            )
        if node.result is not None:
            # a hasil is the result statement by definition, at whatever level
            yield from _activity(
                tree, node, "hasil", activity=activity, conditions=conditions, lowest=levels[-1]
            )


def _activity(
    tree: Tree, node: Node, key: str, *, activity: frozenset[str], conditions: str, lowest: str
) -> Iterator[Problem]:
    """PK114 on one statement of a node (its ``uraian`` or its ``hasil``) when its first
    word names an activity."""
    written = node.description if key == "uraian" else node.result
    if written is None or first_word(written) not in activity:
        return
    word = written.split()[0]
    start = written.index(word)
    pos, end = span(tree, at(tree, node.code, key), written, start, start + len(word))
    if key == "uraian":
        message = _(
            'the uraian of the {level} `{kode}` is written as an activity ("{word} ..."), '
            "not as the result it should bring about",
            level=node.level,
            kode=node.code,
            word=word,
        )
        hint = _(
            "state the condition reached, e.g. {conditions}; activities belong at the "
            "`{lowest}` level",
            conditions=conditions,
            lowest=lowest,
        )
    else:
        message = _(
            'the hasil of the {level} `{kode}` is written as an activity ("{word} ..."), '
            "not as the result it should bring about",
            level=node.level,
            kode=node.code,
            word=word,
        )
        hint = _(
            "state the condition reached, e.g. {conditions}; `hasil` states what the {level} "
            "brings about; its name stays in `uraian`",
            conditions=conditions,
            level=node.level,
        )
    yield GOAL_AS_ACTIVITY.problem(tree, pos, message, hint, end)


GOAL_AS_ACTIVITY = Rule(
    code="PK114",
    name="goal-as-activity",
    severity="warning",
    summary=N_("A goal above the lowest level is worded as an activity, not a condition."),
    rationale=N_(
        "A pohon kinerja is a chain of results: above the activities, every node states a "
        'condition to reach ("Meningkatnya ...", "Terwujudnya ...", "Tersedianya ..."). A '
        'goal worded as an activity ("Pelaksanaan ...", "Penyusunan ...", "Fasilitasi ...") '
        "is done as soon as the work is done, whatever its effect; evaluators mark such "
        "goals as not result-oriented. Inherited national nodes (`nasional: true`) are "
        "skipped unless `check-national` is set: the office cannot reword them. Nor can it "
        "reword the names of program, kegiatan and sub kegiatan, fixed by the nomenclature "
        "(Permendagri 90/2019): the `uraian` of a level in `nomenclature-levels` is never "
        "judged; its result statement, written as `hasil`, is. A `hasil` is judged at every "
        "level, the lowest too: it is the result, never the activity."
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: sasaran
    uraian: Pelaksanaan pendidikan pemilih
""",
    good="""\
pohon:
  - kode: S1
    jenjang: sasaran
    uraian: Meningkatnya pengetahuan pemilih tentang kepemiluan
""",
    check=_goal_as_activity,
    options=(
        Option("activity-words", "words", ACTIVITY_WORDS, N_("first words that name an activity")),
        Option(
            "condition-words",
            "words",
            CONDITION_WORDS,
            N_("first words of a condition, suggested in the hint"),
        ),
        Option(
            "levels",
            "words",
            None,
            N_("levels whose nodes must state a condition (default: all but the lowest level)"),
        ),
        Option("check-national", "flag", False, N_("also check nodes with `nasional: true`")),
        Option(
            "nomenclature-levels",
            "words",
            ("program", "kegiatan", "sub_kegiatan"),
            N_(
                "levels whose `uraian` is a name fixed by the nomenclature, never judged "
                "(their `hasil` is)"
            ),
        ),
    ),
)

# Every rule of this family: the registry (``pohon_cli.rules``) reads them from here only.
RULES: tuple[Rule, ...] = (NAME_UNIT_MISMATCH, GOAL_AS_ACTIVITY)
