"""The contract's proto3 JSON for the generated Connect clients (Lambda mode).

connectrpc's google.protobuf JSON codec (connectrpc.compat) writes lowerCamelCase names; the contract
spells JSON with the proto field names (snake_case, CONTRACT and README "The contract"), so requests
look exactly like the documented ones and like what the TypeScript and Rust SDKs send. Replies are
parsed with unknown fields ignored: a newer Dispatcher may add fields without breaking this runner."""

from __future__ import annotations

from typing import TypeVar

from google.protobuf import json_format
from google.protobuf.message import Message

M = TypeVar("M", bound=Message)


class ContractJsonCodec:
    """A connectrpc ``Codec`` (content type ``application/json``) over google.protobuf messages."""

    def name(self) -> str:
        return "json"

    def encode(self, message: Message) -> bytes:
        return json_format.MessageToJson(message, preserving_proto_field_name=True, indent=None).encode()

    def decode(self, data: bytes | bytearray, message_class: type[M]) -> M:
        message = message_class()
        json_format.Parse(bytes(data), message, ignore_unknown_fields=True)
        return message


CONTRACT_JSON = ContractJsonCodec()
