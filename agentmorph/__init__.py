"""agentmorph: the name to import (`converter` and `formats` are the packages' own names,
which unrelated projects on the package index also use).

>>> import agentmorph
>>> agentmorph.loads("---\\nname: a\\ndescription: d\\n---\\nBe brief.\\n").name
'a'
"""

from typing import Any

import converter

__version__ = converter.__version__
__all__ = list(converter.__all__)


def __getattr__(name: str) -> Any:
    # the public names of `converter`, loaded on first use as there
    return getattr(converter, name)
