"""The targets room: each tool's rules as data, tool and model translation through the
vocabulary (`vocabulary.toml`), safe names, and validation. This code names no tool
(tests/test_architecture.py checks it); tool facts live in the data and in each target's
rules (formats/<tool>_format.py)."""

from converter.targets.model_values import read_model, write_model
from converter.targets.names import file_name, path_named, refused_name, safe_name
from converter.targets.refusals import (
    refusal,
    say_if_mistyped,
    say_if_not_its_file,
    say_if_refused,
    say_if_too_big,
    say_if_unnamed,
    say_if_written_too_big,
    say_unknown_names,
    strict_names,
)
from converter.targets.rules import (
    RECORD_NAMESPACE,
    TargetRules,
    denied_tools,
    description_or_derived,
    first_agent,
    name_or_fallback,
    read_tools,
    say_foreign,
    with_extension,
    write_tools,
)
from converter.targets.spelling import kept_as_written, say_unmapped
from converter.targets.validation import (
    near_key,
    say_refused_for_tools,
    say_refused_value,
    say_unknown_key,
    validate,
)

__all__ = [
    "RECORD_NAMESPACE",
    "TargetRules",
    "denied_tools",
    "description_or_derived",
    "file_name",
    "first_agent",
    "kept_as_written",
    "name_or_fallback",
    "near_key",
    "path_named",
    "read_model",
    "read_tools",
    "refusal",
    "refused_name",
    "safe_name",
    "say_foreign",
    "say_if_mistyped",
    "say_if_not_its_file",
    "say_if_refused",
    "say_if_too_big",
    "say_if_unnamed",
    "say_if_written_too_big",
    "say_refused_for_tools",
    "say_refused_value",
    "say_unknown_key",
    "say_unknown_names",
    "say_unmapped",
    "strict_names",
    "validate",
    "with_extension",
    "write_model",
    "write_tools",
]
