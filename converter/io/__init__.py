"""The io room: bytes ⇄ text with limits, atomic writes, the output policy (what may be
written where), batches, and the worker processes that convert them."""
