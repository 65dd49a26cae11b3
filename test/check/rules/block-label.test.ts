import { ruleTester } from "./rule-tester.js";

ruleTester("block-label", {
  valid: [
    `local.file "a" {\n  filename = "a"\n}\n`,
    { name: "a labelled nested block where the catalog wants one", code: `prometheus.exporter.cloudwatch "c" {\n  sts_region = "eu-west-1"\n\n  static "ec2" {\n    regions    = ["eu-west-1"]\n    namespace  = "AWS/EC2"\n    dimensions = {InstanceId = "i-1"}\n\n    metric {\n      name       = "CPUUtilization"\n      statistics = ["Average"]\n      period     = "1m"\n    }\n  }\n}\n` },
  ],
  invalid: [
    { code: `local.file {\n  filename = "a"\n}\n`, errors: [{ line: 1, column: 1, message: 'component "local.file" must have a label' }] },
    { name: "an empty label is no label", code: `local.file "" {\n  filename = "a"\n}\n`, errors: [{ line: 1, column: 1 }] },
    { name: "config blocks that need one", code: `declare { }\n\nimport.http {\n  url = "http://x"\n}\n`, errors: [{ line: 1, column: 1, message: "declare block must have a label" }, { line: 3, column: 1, message: "import.http block must have a label" }] },
    { name: "a nested block that takes none", code: `loki.write "w" {\n  endpoint "main" {\n    url = "http://loki"\n  }\n}\n`, errors: [{ line: 2, column: 3, message: 'block "endpoint" does not support specifying labels' }] },
    { name: "a nested block that needs one", code: `prometheus.exporter.snmp "s" {\n  target {\n    address = "10.0.0.1"\n  }\n}\n`, errors: [{ line: 2, column: 3, message: 'block "target" requires non-empty label' }] },
  ],
});
