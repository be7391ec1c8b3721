import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A word on screen written into a component instead of taken from the app's message catalogue. */
export type THardCodedString = { file: string; line: number; text: string };

/** Props whose string value people read or hear (screen readers): Fluent's as well as HTML's. */
const VISIBLE_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'hint',
  'content',
  'heading',
  'validationMessage',
  'eyebrow',
  // the apps' own dialog props
  'body',
  'submitLabel',
  'busyLabel',
  'confirmLabel',
  'cancelLabel',
]);

const hasLetter = (text: string) => /\p{L}/u.test(text);

/** String literals an expression can evaluate to: through `a ? b : c`, `??`, `||`, `&&` and parentheses. */
function literalLeaves(expression: ts.Expression | undefined, out: ts.Node[] = []): ts.Node[] {
  if (!expression) return out;
  if (ts.isParenthesizedExpression(expression)) literalLeaves(expression.expression, out);
  else if (ts.isConditionalExpression(expression)) {
    literalLeaves(expression.whenTrue, out);
    literalLeaves(expression.whenFalse, out);
  } else if (
    ts.isBinaryExpression(expression) &&
    [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(
      expression.operatorToken.kind,
    )
  ) {
    literalLeaves(expression.left, out);
    literalLeaves(expression.right, out);
  } else if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    if (hasLetter(expression.text)) out.push(expression);
  } else if (ts.isTemplateExpression(expression)) {
    const words = expression.head.text + expression.templateSpans.map((span) => span.literal.text).join('');
    if (hasLetter(words)) out.push(expression);
    else for (const span of expression.templateSpans) literalLeaves(span.expression, out);
  }
  return out;
}

/**
 * The hard-coded words in one .tsx source: JSX text with a letter in it, and string or template
 * literals with letters given to a visible prop (`aria-label`, `title`, `placeholder`, `alt`,
 * Fluent's `label`, `hint`, …) or placed as a child (`{busy ? 'Saving…' : 'Save'}`).
 */
export function findHardCodedStrings(source: string, file = 'component.tsx'): THardCodedString[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: THardCodedString[] = [];
  const report = (node: ts.Node, text: string) =>
    found.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetter(node.text)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && VISIBLE_PROPS.has(node.name.getText()) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value) && hasLetter(value.text)) report(value, `${node.name.getText()}="${value.text}"`);
      if (ts.isJsxExpression(value)) for (const leaf of literalLeaves(value.expression)) report(leaf, leaf.getText());
    } else if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const leaf of literalLeaves(node.expression)) report(leaf, leaf.getText());
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsxFiles(join(dir, entry.name)) : entry.name.endsWith('.tsx') ? [join(dir, entry.name)] : [],
  );
}

/** The hard-coded words in every .tsx file under `dirs` (paths relative to `root` in the result). */
export function findHardCodedStringsUnder(root: string, dirs: readonly string[]): THardCodedString[] {
  return dirs.flatMap((dir) =>
    tsxFiles(join(root, dir)).flatMap((path) =>
      findHardCodedStrings(readFileSync(path, 'utf8'), relative(root, path).split('\\').join('/')),
    ),
  );
}
