// Validates SARIF logs against the SARIF 2.1.0 JSON schema.
//
// usage: node validate.mjs SCHEMA FILE...
// Prints "FILE: valid" or every schema error with its JSON path, and exits 1
// when any file is invalid.  Formats (uri, uri-reference, date-time) are
// checked too, because a malformed artifact URI is exactly what a
// code-scanning upload rejects.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error("usage: node validate.mjs SCHEMA FILE...");
  process.exit(2);
}
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
// strict: false because the published schema uses keywords ajv's strict mode
// does not know ("deprecated" annotations); validation itself is unaffected.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = 0;
for (const file of files) {
  let data;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.error(`${file}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  if (validate(data)) {
    console.log(`${file}: valid SARIF 2.1.0`);
  } else {
    failed++;
    for (const err of validate.errors)
      console.error(`${file}: ${err.instancePath || "/"} ${err.message}`);
  }
}
process.exit(failed ? 1 : 0);
