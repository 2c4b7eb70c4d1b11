"""Trace Dispatcher contract: protobuf messages and Connect clients (generated)."""
