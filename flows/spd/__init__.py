"""Reading a plan's own document (its Summary Plan Description): the three answers and their proof.

``read_file`` / ``read_pdf`` / ``read_text`` give a :class:`Reading`; ``python -m flows.spd FILE --json``
prints it. Nothing here stores or logs a document.
"""

from flows.spd.errors import Refusal
from flows.spd.reader import Proposal, Reading, read_file, read_pdf, read_text

__all__ = ["Proposal", "Reading", "Refusal", "read_file", "read_pdf", "read_text"]
