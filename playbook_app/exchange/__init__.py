"""Packets: how answers travel between machines (export, validate, merge); no storage here."""

from playbook_app.exchange.checks import MAX_BYTES
from playbook_app.exchange.export import packet_file_name, with_suffix, write_packet
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
from playbook_app.exchange.validate import PacketErrors, parse_packet, read_packet, read_packets

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
    "PacketErrors",
    "Version",
    "build_packet",
    "compute_checksum",
    "merge",
    "packet_file_name",
    "parse_packet",
    "read_packet",
    "read_packets",
    "restrict_to",
    "serialize",
    "with_suffix",
    "write_packet",
]
