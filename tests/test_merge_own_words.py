"""A merge gives each variant's own words back: what one author says twice stays twice, a
later `You are` stays where it is written, a bold closing line, a numbered outline item, the
text between two tags and the order of extra keys are kept. Each example lost or moved
something before (merging one agent of the corpus alone changed 822 of 1,176)."""

from __future__ import annotations

from converter import Agent, dumps, loads
from converter.merging import MergeOptions, merge
from converter.prompt.sections import parse


def _alone(text: str, **fields: object) -> str:
    agent = Agent(name="planner", description="Plans.", instructions=text, **fields)  # type: ignore[arg-type]
    return merge([agent]).agent.instructions


def test_a_point_one_variant_makes_in_two_lists_stays_in_both() -> None:
    text = (
        "Spring beds:\n- Raised beds with compost\n- Frost cloth ready\n\n"
        "Autumn beds:\n- Raised beds with compost\n- Cover crops after harvest\n"
    )
    merged = _alone(text)
    assert merged.count("Raised beds with compost") == 2
    other = Agent(
        name="planner",
        description="Plans.",
        instructions="Spring beds:\n- Raised beds with compost\n",
    )
    both = merge([Agent(name="planner", description="Plans.", instructions=text), other])
    assert both.agent.instructions.count("Raised beds with compost") == 2


def test_a_near_repeat_of_one_variant_is_two_points() -> None:
    # taken for one point before (`Turbo Native for mobile bridges` and `Native mobile
    # bridge with Turbo Native` in one real list); their author wrote both
    text = "## Watering\n\n- Drip lines for the raised beds\n- Raised beds fed by drip lines\n"
    merged = _alone(text)
    assert "Drip lines for the raised beds" in merged and "Raised beds fed by drip" in merged


def test_a_later_you_are_stays_where_it_is_written() -> None:
    text = (
        "You are a garden planner.\n\n## Steps\n\n- Survey the plot\n\n"
        "You are not a landscaper: leave the fences to the owner.\n"
    )
    merged = _alone(text)
    assert merged.index("Survey the plot") < merged.index("You are not a landscaper")


def test_the_identity_stays_under_its_title_in_one_paragraph() -> None:
    text = "# Planner\n\nYou are a garden planner. You plan beds and crops.\n\n- Survey\n"
    merged = _alone(text)
    assert merged.index("Planner") < merged.index("You are a garden planner")
    assert "You are a garden planner. You plan beds and crops.\n" in merged


def test_an_identity_that_opens_a_list_stays_with_it() -> None:
    text = "## Duties\n\nYou are in charge of three things:\n\n- Beds\n- Crops\n- Water\n"
    merged = _alone(text)
    assert "You are in charge of three things:\n\n- Beds" in merged


def test_a_bold_line_no_variant_gives_items_is_kept() -> None:
    text = "## Watering\n\n- Water early\n\n**Check the soil before every change.**\n"
    assert "Check the soil before every change." in _alone(text)


def test_a_numbered_item_alone_keeps_its_number() -> None:
    text = "Intro.\n\n2. Structuring content\n\n2.1. Headings\nUse headings.\n"
    assert "2. Structuring content" in _alone(text)


def test_text_between_tags_is_kept_in_its_order() -> None:
    text = "<a>\nA text.\n</a>\n\nBetween text.\n\n<b>\nB text.\n</b>\n\nAfter text.\n"
    merged = _alone(text)
    assert [merged.index(w) for w in ("A text", "Between", "B text", "After")] == sorted(
        merged.index(w) for w in ("A text", "Between", "B text", "After")
    )


def test_headings_outside_tags_make_a_heading_outline() -> None:
    text = (
        "## When to delegate\n\n<example>\nuser: plan it\n</example>\n\n## Process\n\n1. Measure\n"
    )
    outline = parse(text)
    assert outline.style == "markdown"
    assert [s.title for s in outline.walk()] == ["When to delegate", "Process"]
    merged = _alone(text)
    assert merged.index("</example>") < merged.index("Process")


def test_a_shorter_phrasing_does_not_take_a_longer_ones_place() -> None:
    # a step that names a fact (`Plan` after the dash) took the place of the sentence whose
    # words it shares, and the sentence was gone
    long = "You plan raised, sheltered and watered garden beds using local timber and compost.\n"
    step = "## Steps\n\n3. **Prepare** - Plan raised, sheltered and watered beds\n"
    one = Agent(name="p", description="d", instructions=long)
    two = Agent(name="p", description="d", instructions=step)
    merged = merge([one, two]).agent.instructions
    assert "local timber" in merged and "3. **Prepare**" in merged


def test_a_list_of_models_merges_and_reads_back() -> None:
    # Copilot's `model:` list is a tuple in the model; a list from the vote's JSON read
    # back unequal, and the merge refused its own output
    models = ("GPT-5", "Claude Sonnet 4.5 (copilot)")
    agent = Agent(name="p", description="d", instructions="Plan.\n", model=models)
    merged = merge([agent, agent]).agent
    assert merged.model == models
    assert loads(dumps(merged, "markdown"), format="markdown") == merged


def test_extra_keys_keep_the_order_they_are_written_in() -> None:
    metadata = {"zone": "7b", "color": "green", "author": "me"}
    agent = Agent(name="p", description="d", instructions="Plan.\n", metadata=metadata)
    assert list(merge([agent]).agent.metadata) == ["zone", "color", "author"]


def test_a_tag_keeps_its_name_and_attributes_as_written() -> None:
    # `<RULES priority="high">` was written `<rules>`: its attribute lost
    text = '<ROLE>\nYou plan.\n</ROLE>\n\n<RULES priority="high">\n- Water early\n</RULES>\n'
    agent = Agent(name="p", description="d", instructions=text)
    assert merge([agent]).agent.instructions == text
    assert merge([agent, agent]).agent.instructions == text


def test_headings_keep_their_levels() -> None:
    # every heading was one level deeper: `# Planner` became `## Planner`
    text = "# Planner\n\nYou plan.\n\n## Steps\n\n- Survey\n\n### Tools\n\n- Spade\n"
    merged = _alone(text)
    assert "# Planner\n" in merged and "\n## Steps\n" in merged and "\n### Tools\n" in merged


def test_the_rest_of_another_identity_paragraph_goes_with_it() -> None:
    # `You also order seeds.` stayed alone above the title when its identity moved
    base = "# Planner\n\nYou are a garden planner. You plan beds.\n\n## Steps\n\n- Survey\n"
    other = "You are a kitchen gardener. You also order seeds.\n\n## Steps\n\n- Survey\n"
    agents = [Agent(name="p", description="d", instructions=t) for t in (base, other, base)]
    merged = merge(agents).agent.instructions
    assert merged.startswith("# Planner\n\nYou are a garden planner. You plan beds.\n\n")
    assert merged.index("You also order seeds.") < merged.index("## Steps")


def test_a_point_repeated_many_times_merged_with_itself_is_not_doubled() -> None:
    # past the 32 closest look-alikes, every repeat found only clusters it had joined
    text = "## Beds\n\n" + "- Water the beds early in the morning\n" * 100
    agent = Agent(name="p", description="d", instructions=text)
    once = merge([agent]).agent.instructions
    assert once.count("Water the beds") == 100
    assert merge([agent, agent]).agent.instructions == once


def test_a_list_starts_at_its_written_number_only_where_it_began_a_list() -> None:
    # written after a code block, a list begins at 3; merged alone it still does
    text = "Steps:\n\n1. Plan\n2. Dig\n\n```sh\ndig --deep\n```\n\n3. Sow\n4. Water\n"
    assert "3. Sow\n4. Water" in _alone(text)


def test_a_step_whose_neighbours_fell_below_min_support_is_a_bullet() -> None:
    # only step 4 of three variants' lists is said by a majority: `4.` alone reads as a stray
    steps = ["1. Plan\n2. Dig\n3. Sow\n4. Water daily\n", "1. Rake\n4. Water daily\n", "1. Weed\n"]
    agents = [Agent(name="p", description="d", instructions=s) for s in steps]
    merged = merge(agents, MergeOptions(min_support="majority")).agent.instructions
    assert "- Water daily" in merged and "4. Water daily" not in merged
