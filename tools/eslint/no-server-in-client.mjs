// ESLint rule: a "use client" module must not import database or server-only code. Next would
// fail the build for `server-only`; this also catches the modules that forget to import it.
const SERVER_MODULES = [
  /^server-only$/,
  /^next\/headers$/,
  /^@\/lib\/db(\/|$)/,
  /^@\/lib\/server(\/|$)/,
  /^@\/lib\/auth\/(actor|options|guards|service)$/,
  /^@\/lib\/i18n\/server$/,
  /^@\/lib\/[^/]+\/(queries|service)$/,
  /^@\/lib\/demo\/seed$/,
];

function isClientModule(program) {
  const first = program.body[0];
  return first?.type === "ExpressionStatement" && first.directive === "use client";
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Keep server-only modules (database, secrets, sessions) out of client components" },
    messages: {
      serverImport:
        "Client component imports server-only module '{{source}}'. Pass plain data from a server component or call a server action instead.",
    },
    schema: [],
  },
  create(context) {
    let client = false;
    const check = (node) => {
      if (!client || node.importKind === "type") return;
      const source = node.source?.value;
      if (typeof source === "string" && SERVER_MODULES.some((pattern) => pattern.test(source))) {
        context.report({ node, messageId: "serverImport", data: { source } });
      }
    };
    return {
      Program(program) {
        client = isClientModule(program);
      },
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    };
  },
};

export default rule;
