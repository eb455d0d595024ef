/**
 * Fails when our own modules import one another in a circle: `tsx scripts/check-import-cycles.ts [project folder]`.
 *
 * A cycle makes the order in which modules run depend on which one is imported first, so a value read while the
 * other module is still loading is `undefined` (or a `ReferenceError` in the temporal dead zone). `npm run lint`
 * runs this check after ESLint. It does the work ESLint's `import/no-cycle` did, over the whole import graph at
 * once rather than again for every file linted (which had made the lint four times slower):
 * - the files are the TypeScript project's own (`tsconfig.json`'s `include`), and each import is resolved as the
 *   compiler resolves it (`ts.resolveModuleName` with the project's options), so `./x.js` and `./x.ts` both find
 *   `x.ts`;
 * - only imports that exist at run time count: `import type`, `export type … from` and imports whose every name is
 *   `type` are erased by the compiler and cannot form a cycle; `import()` counts, as it did for the ESLint rule;
 * - packages are not followed (the rule's `ignoreExternal`), nor imports that do not resolve to a project file;
 * - the strongly connected components of the graph (Tarjan's algorithm) are the cycles: each is reported once,
 *   with one shortest circle through it, file by file, with the line of each import.
 */
import ts from 'typescript';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One import that runs: `from` imports `to` at `line` (1-based) with the text `specifier`. */
export type ImportEdge = { from: string; to: string; line: number; specifier: string };

/** Files (absolute paths) that all reach one another through imports, and one circle through them. */
export type ImportCycle = { files: string[]; circle: ImportEdge[] };

type Project = { fileNames: string[]; options: ts.CompilerOptions };

function readProject(projectDir: string): Project {
  const configPath = resolve(projectDir, 'tsconfig.json');
  const problems: string[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      problems.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (parsed === undefined || problems.length > 0) {
    throw new Error(`Cannot read ${configPath}: ${problems.join('; ') || 'no configuration'}`);
  }
  return { fileNames: parsed.fileNames.map((name) => resolve(name)), options: parsed.options };
}

/** The module specifiers of `file` that are still there at run time, with their lines. */
function runtimeImports(file: ts.SourceFile): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  const add = (literal: ts.Expression) => {
    if (ts.isStringLiteralLike(literal)) {
      found.push({
        specifier: literal.text,
        line: file.getLineAndCharacterOfPosition(literal.getStart(file)).line + 1,
      });
    }
  };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && !isTypeOnlyImport(statement)) add(statement.moduleSpecifier);
    else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !isTypeOnlyExport(statement)) {
      add(statement.moduleSpecifier);
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      !statement.isTypeOnly &&
      ts.isExternalModuleReference(statement.moduleReference)
    ) {
      add(statement.moduleReference.expression);
    }
  }
  // `import('./x.ts')` anywhere in the file; only files that could hold one are walked.
  if (/\bimport\s*\(/.test(file.text)) {
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0]
      ) {
        add(node.arguments[0]);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

function isTypeOnlyImport(declaration: ts.ImportDeclaration): boolean {
  const clause = declaration.importClause;
  if (clause === undefined) return false; // import './x.ts': run for its effects
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

function isTypeOnlyExport(declaration: ts.ExportDeclaration): boolean {
  if (declaration.isTypeOnly) return true;
  const clause = declaration.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}

/** Every project file and the project files it imports at run time. */
export function importGraph(projectDir: string): Map<string, ImportEdge[]> {
  const { fileNames, options } = readProject(projectDir);
  const inProject = new Set(fileNames);
  const cache = ts.createModuleResolutionCache(projectDir, (name) => name, options);
  const graph = new Map<string, ImportEdge[]>();
  for (const fileName of fileNames) {
    const text = ts.sys.readFile(fileName);
    if (text === undefined) throw new Error(`Cannot read ${fileName}`);
    const source = ts.createSourceFile(fileName, text, options.target ?? ts.ScriptTarget.Latest, false);
    const edges: ImportEdge[] = [];
    for (const { specifier, line } of runtimeImports(source)) {
      const resolved = ts.resolveModuleName(specifier, fileName, options, ts.sys, cache).resolvedModule;
      if (resolved === undefined || resolved.isExternalLibraryImport) continue; // a package, or unresolved
      const to = resolve(resolved.resolvedFileName);
      if (to === fileName || !inProject.has(to)) continue;
      edges.push({ from: fileName, to, line, specifier });
    }
    graph.set(fileName, edges);
  }
  return graph;
}

/** Tarjan's strongly connected components, without recursion; only components of more than one file. */
function stronglyConnected(graph: Map<string, ImportEdge[]>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { file: string; edge: number }[] = [{ file: root, edge: 0 }];
    index.set(root, next);
    lowLink.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.file) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!.to;
        if (!index.has(to)) {
          index.set(to, next);
          lowLink.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ file: to, edge: 0 });
        } else if (onStack.has(to)) {
          lowLink.set(frame.file, Math.min(lowLink.get(frame.file)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.file, Math.min(lowLink.get(parent.file)!, lowLink.get(frame.file)!));
      if (lowLink.get(frame.file) === index.get(frame.file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.file);
        if (component.length > 1) components.push(component.sort());
      }
    }
  }
  return components;
}

/** A shortest circle from the component's first file back to it, through the component only. */
function shortestCircle(component: string[], graph: Map<string, ImportEdge[]>): ImportEdge[] {
  const members = new Set(component);
  const start = component[0]!;
  const cameBy = new Map<string, ImportEdge>();
  const queue = [start];
  for (let at = 0; at < queue.length; at++) {
    for (const edge of graph.get(queue[at]!) ?? []) {
      if (!members.has(edge.to)) continue;
      if (edge.to === start) {
        const circle = [edge];
        for (let back = cameBy.get(edge.from); back; back = cameBy.get(back.from)) circle.unshift(back);
        return circle;
      }
      if (!cameBy.has(edge.to)) {
        cameBy.set(edge.to, edge);
        queue.push(edge.to);
      }
    }
  }
  throw new Error(`No circle through ${start}, though it is in a strongly connected component`);
}

/** Every cycle among the project's own modules, one per strongly connected component. */
export function findImportCycles(projectDir: string): ImportCycle[] {
  const graph = importGraph(projectDir);
  return stronglyConnected(graph).map((files) => ({ files, circle: shortestCircle(files, graph) }));
}

/** A cycle as a reader fixes it: the files, then each import around one circle, paths relative to the project. */
export function describeCycle(cycle: ImportCycle, projectDir: string): string {
  const name = (file: string) => relative(projectDir, file).split('\\').join('/');
  const lines = [`Import cycle among ${cycle.files.length} files: ${cycle.files.map(name).join(', ')}`];
  for (const edge of cycle.circle) {
    lines.push(`  ${name(edge.from)}:${edge.line} imports '${edge.specifier}' (${name(edge.to)})`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const projectDir = resolve(process.argv[2] ?? '.');
  const started = performance.now();
  const cycles = findImportCycles(projectDir);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (cycles.length > 0) {
    for (const cycle of cycles) console.error(`${describeCycle(cycle, projectDir)}\n`);
    console.error(
      `${cycles.length} import cycle${cycles.length === 1 ? '' : 's'} (${seconds} s). Break each by moving what both ` +
        'files need into a module of its own, or by importing only types (`import type`).',
    );
    process.exitCode = 1;
  } else {
    console.log(`No import cycles among the project's modules (${seconds} s).`);
  }
}
