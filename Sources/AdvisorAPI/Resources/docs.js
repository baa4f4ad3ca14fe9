// The docs page: renders the OpenAPI document's operations and schemas, and lets a
// person try the API with an example workload. No external fetch; strict CSP.
"use strict";

const $ = (id) => document.getElementById(id);
let spec = null;
let chartURL = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

function resolveRef(schema) {
  if (schema && schema.$ref) {
    const name = schema.$ref.split("/").pop();
    return { name, schema: spec.components.schemas[name] || {} };
  }
  return { name: null, schema: schema || {} };
}

function typeLabel(schema) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.oneOf) return schema.oneOf.map(typeLabel).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeLabel).join(" | ");
  if (schema.allOf) return schema.allOf.map(typeLabel).join(" & ");
  let type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type || "any");
  if (type === "array" && schema.items) type = typeLabel(schema.items) + "[]";
  if (schema.enum) type += " (" + schema.enum.join(", ") + ")";
  return type;
}

function renderOperations() {
  const list = $("operation-list");
  list.replaceChildren();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const op = item[method];
      if (!op) continue;
      const body = el("div", { class: "body" });
      if (op.description) body.append(el("p", {}, op.description));
      const params = [...(item.parameters || []), ...(op.parameters || [])]
        .map((p) => (p.$ref ? spec.components.parameters[p.$ref.split("/").pop()] : p));
      if (params.length) {
        body.append(el("h4", {}, "Parameters"), el("table", {},
          el("tr", {}, el("th", {}, "name"), el("th", {}, "in"), el("th", {}, "type"), el("th", {}, "description")),
          params.map((p) => el("tr", {}, el("td", {}, p.name, p.required ? el("span", { class: "required" }, " required") : null),
            el("td", {}, p.in), el("td", { class: "type" }, typeLabel(p.schema)), el("td", {}, p.description || "")))));
      }
      if (op.requestBody) {
        const types = Object.entries(op.requestBody.content || {});
        body.append(el("h4", {}, "Request body"),
          el("ul", {}, types.map(([type, media]) => el("li", {}, type + ": ", el("span", { class: "type" }, typeLabel(media.schema))))));
      }
      body.append(el("h4", {}, "Responses"), el("table", {},
        Object.entries(op.responses || {}).map(([status, response]) => {
          const r = response.$ref ? spec.components.responses[response.$ref.split("/").pop()] : response;
          const media = Object.entries(r.content || {}).map(([t, m]) => t + (m.schema ? " " + typeLabel(m.schema) : "")).join("; ");
          return el("tr", {}, el("td", {}, status), el("td", {}, r.description || ""), el("td", { class: "type" }, media));
        })));
      list.append(el("details", { class: "operation", id: "op-" + (op.operationId || method + path) },
        el("summary", {}, el("span", { class: "method " + method }, method.toUpperCase()), " ",
          el("span", { class: "path" }, path), " — ", op.summary || "",
          el("code", { class: "operation-id" }, op.operationId || "")), body));
    }
  }
}

function renderSchemas() {
  const list = $("schema-list");
  list.replaceChildren();
  for (const [name, schema] of Object.entries(spec.components.schemas || {})) {
    const section = el("div", { class: "schema", id: "schema-" + name }, el("h3", {}, name));
    if (schema.description) section.append(el("p", {}, schema.description));
    const required = new Set(schema.required || []);
    if (schema.properties) {
      section.append(el("table", {},
        el("tr", {}, el("th", {}, "field"), el("th", {}, "type"), el("th", {}, "description")),
        Object.entries(schema.properties).map(([field, prop]) => el("tr", {},
          el("td", {}, field, required.has(field) ? el("span", { class: "required" }, " required") : null),
          el("td", { class: "type" }, typeLabel(prop)),
          el("td", {}, (prop.description || "") + (prop.default !== undefined ? " Default: " + JSON.stringify(prop.default) + "." : ""))))));
    } else {
      section.append(el("p", { class: "type" }, typeLabel(schema)));
    }
    list.append(section);
  }
}

function loadExamples() {
  const op = spec.paths["/v1/recommendations"].post;
  const examples = op.requestBody.content["application/json"].examples || {};
  const picker = $("example-picker");
  for (const [name, example] of Object.entries(examples)) {
    picker.append(el("option", { value: name }, example.summary || name));
  }
  const show = () => {
    const example = examples[picker.value];
    if (example) $("workload").value = JSON.stringify(example.value, null, 2);
  };
  picker.addEventListener("change", show);
  show();
}

function headers(accept) {
  const h = { "Content-Type": "application/json", "Accept": accept };
  const key = $("api-key").value.trim();
  if (key) h["Authorization"] = "Bearer " + key;
  return h;
}

function money(value) {
  return typeof value === "number" ? "$" + value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : "—";
}

function renderProblem(problem) {
  const answer = $("answer");
  answer.replaceChildren(el("p", {}, (problem.title || "Error") + (problem.detail ? ": " + problem.detail : "")));
  if (Array.isArray(problem.errors)) {
    answer.append(el("ul", { class: "problems" }, problem.errors.map((e) => el("li", {}, (e.pointer || e.path || "") + " — " + e.detail))));
  }
}

function hours(value) {
  return typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 1 }) : "—";
}

function renderAnswer(answer) {
  const target = $("answer");
  const pick = answer.recommendation;
  target.replaceChildren(el("p", { class: "pick" }, "Recommended: ",
    el("strong", {}, pick ? (pick.displayName || pick.option) : "nothing eligible")));
  if (pick && pick.summary) target.append(el("p", {}, pick.summary));
  target.append(el("table", {},
    el("tr", {}, el("th", {}, "rank"), el("th", {}, "option"), el("th", {}, "eligible"),
      el("th", { class: "num" }, "infrastructure / month"), el("th", { class: "num" }, "ops hours / month"),
      el("th", { class: "num" }, "TCO / month"), el("th", {}, "why")),
    (answer.options || []).map((o) => {
      const why = (o.eligible ? o.reasons : o.ineligibility) || [];
      return el("tr", { class: (o.eligible ? "" : "ineligible") + (pick && o.option === pick.option ? " recommended" : "") },
        el("td", {}, o.rank ?? "—"), el("td", {}, o.displayName || o.option),
        el("td", {}, o.eligible ? "yes" : "no"),
        el("td", { class: "num" }, money(o.monthlyCost && o.monthlyCost.totalUSD)),
        el("td", { class: "num" }, hours(o.management && o.management.hoursPerMonth)),
        el("td", { class: "num" }, money(o.totalCostOfOwnershipUSD)),
        el("td", {}, why.slice(0, 2).map((r) => r.message).join(" ")));
    })));
  if ((answer.breakEven || []).length) {
    target.append(el("h4", {}, "Where the answer flips"), el("ul", {}, answer.breakEven.map((b) => el("li", {}, b.sentence))));
  }
  if ((answer.warnings || []).length) {
    target.append(el("h4", {}, "Warnings"), el("ul", {}, answer.warnings.map((w) => el("li", {}, w.message))));
  }
}

async function recommend() {
  const button = $("recommend");
  button.disabled = true;
  setStatus("Evaluating…");
  try {
    const response = await fetch("/v1/recommendations", { method: "POST", headers: headers("application/json"), body: $("workload").value });
    const body = await response.json();
    $("raw").textContent = JSON.stringify(body, null, 2);
    $("raw-details").hidden = false;
    if (response.ok) {
      renderAnswer(body);
      setStatus("Stored as " + response.headers.get("Location"));
    } else {
      renderProblem(body);
      setStatus("The service answered " + response.status + ".", true);
    }
  } catch (error) {
    setStatus("Request failed: " + error.message, true);
  } finally {
    button.disabled = false;
  }
}

async function compare() {
  const button = $("compare");
  button.disabled = true;
  setStatus("Sweeping…");
  let workload;
  try {
    workload = JSON.parse($("workload").value);
  } catch (error) {
    setStatus("The workload is not valid JSON: " + error.message, true);
    button.disabled = false;
    return;
  }
  try {
    const request = { workload, parameter: $("sweep-parameter").value };
    const response = await fetch("/v1/comparisons", { method: "POST", headers: headers("image/svg+xml"), body: JSON.stringify(request) });
    if (!response.ok) {
      renderProblem(await response.json());
      setStatus("The service answered " + response.status + ".", true);
      return;
    }
    if (chartURL) URL.revokeObjectURL(chartURL);
    chartURL = URL.createObjectURL(await response.blob());
    $("chart").src = chartURL;
    $("chart-caption").textContent = "Monthly cost of each eligible option as " + $("sweep-parameter").selectedOptions[0].textContent + " varies; dashed lines mark break-even points.";
    $("chart-figure").hidden = false;
    setStatus("Chart drawn.");
  } catch (error) {
    setStatus("Request failed: " + error.message, true);
  } finally {
    button.disabled = false;
  }
}

async function main() {
  $("recommend").addEventListener("click", recommend);
  $("compare").addEventListener("click", compare);
  try {
    const response = await fetch("/openapi.json", { headers: { Accept: "application/json" } });
    spec = await response.json();
  } catch (error) {
    $("operation-list").replaceChildren(el("p", {}, "Could not load /openapi.json: " + error.message));
    return;
  }
  document.title = spec.info.title + " " + spec.info.version;
  renderOperations();
  renderSchemas();
  loadExamples();
}

main();
