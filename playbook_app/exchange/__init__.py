"""Packets: how answers travel between machines (export, validate, merge); no storage here."""

from playbook_app.exchange.checks import MAX_BYTES
from playbook_app.exchange.merge import (
    LOCAL,
    AssessmentMerge,
    Change,
    MergePlan,
    Override,
    Version,
    merge,
)
from playbook_app.exchange.packet import (
    FORMAT_VERSION,
    SUFFIX,
    Packet,
    PacketError,
    build_packet,
    compute_checksum,
    restrict_to,
    serialize,
)
from playbook_app.exchange.validate import parse_packet, read_packet

__all__ = [
    "FORMAT_VERSION",
    "LOCAL",
    "MAX_BYTES",
    "SUFFIX",
    "AssessmentMerge",
    "Change",
    "MergePlan",
    "Override",
    "Packet",
    "PacketError",
    "Version",
    "build_packet",
    "compute_checksum",
    "merge",
    "parse_packet",
    "read_packet",
    "restrict_to",
    "serialize",
]
