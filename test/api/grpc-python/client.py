"""A gRPC client the project did not write: grpcio stubs generated from proto/ at test time.

Usage: client.py <host:port> <admin token> <job name>. Prints one JSON object with what each call
returned (test/api/grpc-python.test.ts asserts on it):
  list_jobs:   the job ids ListJobs found for <job name>, with the real token
  bad_token:   code and ErrorDetail reason of ListJobs with a wrong token (refused from headers)
  missing_job: code and ErrorDetail reason of GetJob for a job that does not exist (a handler refusal)
The ErrorDetail is decoded from grpc-status-details-bin (a google.rpc.Status) as any gRPC client would.
"""

import importlib
import json
import pathlib
import sys
import tempfile

import grpc
from grpc_tools import protoc

import grpc_tools

REPO = pathlib.Path(__file__).resolve().parents[3]

# google.rpc.Status as googleapis defines it (the message grpc-status-details-bin carries); the
# googleapis-common-protos package is not a dependency, and these three fields are all it takes.
STATUS_PROTO = """
syntax = "proto3";
package google.rpc;
import "google/protobuf/any.proto";
message Status {
  int32 code = 1;
  string message = 2;
  repeated google.protobuf.Any details = 3;
}
"""


def generate(out: pathlib.Path) -> None:
    (out / "google" / "rpc").mkdir(parents=True)
    (out / "google" / "rpc" / "status.proto").write_text(STATUS_PROTO)
    protos = sorted(str(p.relative_to(REPO / "proto")) for p in (REPO / "proto").rglob("*.proto"))
    well_known = str(pathlib.Path(grpc_tools.__file__).parent / "_proto")
    args = ["protoc", f"-I{REPO / 'proto'}", f"-I{out}", f"-I{well_known}", f"--python_out={out}", f"--grpc_python_out={out}", *protos, "google/rpc/status.proto"]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    # Regular packages: a namespace package named "trace" would lose to the standard library's trace
    # module. "google" stays a namespace package, shared with protobuf's google.protobuf.
    for package in ["trace", "trace/dispatcher", "trace/dispatcher/v1"]:
        (out / package / "__init__.py").touch()


def refusal(error: grpc.RpcError, status_pb2, errors_pb2) -> dict:
    details = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
    reasons = []
    if details is not None:
        status = status_pb2.Status.FromString(details)
        for any_detail in status.details:
            detail = errors_pb2.ErrorDetail()
            if any_detail.Unpack(detail):
                reasons.append(detail.reason)
    return {"code": error.code().name, "reasons": reasons}


def main() -> None:
    target, admin_token, job_name = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp)
        generate(out)
        sys.path.insert(0, tmp)
        sys.modules.pop("trace", None)  # in case anything imported the standard library's
        admin_pb2 = importlib.import_module("trace.dispatcher.v1.admin_pb2")
        admin_grpc = importlib.import_module("trace.dispatcher.v1.admin_pb2_grpc")
        errors_pb2 = importlib.import_module("trace.dispatcher.v1.errors_pb2")
        status_pb2 = importlib.import_module("google.rpc.status_pb2")

        result = {}
        with grpc.insecure_channel(target) as channel:
            admin = admin_grpc.AdminServiceStub(channel)
            auth = [("authorization", f"Bearer {admin_token}")]
            jobs = admin.ListJobs(admin_pb2.ListJobsRequest(name=job_name), metadata=auth, timeout=20)
            result["list_jobs"] = [job.job_id for job in jobs.jobs]
            try:
                admin.ListJobs(admin_pb2.ListJobsRequest(), metadata=[("authorization", "Bearer wrong")], timeout=20)
                result["bad_token"] = "answered"
            except grpc.RpcError as error:
                result["bad_token"] = refusal(error, status_pb2, errors_pb2)
            try:
                admin.GetJob(admin_pb2.GetJobRequest(job_id="00000000-0000-4000-8000-000000000000"), metadata=auth, timeout=20)
                result["missing_job"] = "answered"
            except grpc.RpcError as error:
                result["missing_job"] = refusal(error, status_pb2, errors_pb2)
        print(json.dumps(result))


if __name__ == "__main__":
    main()
