// Builds the task pane and the ribbon-command page into dist/addin (served by the sync server on one origin).
// Real type-checking: ts-loader without transpileOnly; only the bundled files are checked here (npm test checks all).
// PUBLIC_URL replaces https://localhost:3000 in the copied manifest.xml (the production URL).
// `--env test-host` makes the test build instead, into dist/addin-test: the same pages plus test-host.html, whose own
// entry (addin/testing/test-host.ts) starts the pane on the in-memory workbook for the browser tests. The production
// build has no such entry, so nothing in dist/addin can reach the test host.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import HtmlWebpackPlugin from "html-webpack-plugin";
import CopyWebpackPlugin from "copy-webpack-plugin";

const __dirname = path.dirname(fileURLToPath(import.meta.url));

const DEV_URL = "https://localhost:3000";

export default (env = {}, argv) => {
  const production = argv.mode !== "development";
  const testHost = Boolean(env["test-host"]);
  const publicUrl = (process.env.PUBLIC_URL || DEV_URL).replace(/\/+$/, "");
  const copies = [];
  if (fs.existsSync(path.join(__dirname, "manifest.xml"))) {
    copies.push({
      from: "manifest.xml",
      to: "manifest.xml",
      transform: (content) => content.toString("utf8").split(DEV_URL).join(publicUrl),
    });
  }
  copies.push({ from: "addin/taskpane/taskpane.css", to: "taskpane.css" });
  if (fs.existsSync(path.join(__dirname, "addin/assets"))) copies.push({ from: "addin/assets", to: "assets", noErrorOnMissing: true });
  return {
    mode: production ? "production" : "development",
    // No source maps in production: the server would not serve them anyway, and they need not exist.
    devtool: production ? false : "eval-source-map",
    context: __dirname,
    entry: {
      taskpane: "./addin/taskpane/taskpane.ts",
      commands: "./addin/commands/commands.ts",
      ...(testHost ? { "test-host": "./addin/testing/test-host.ts" } : {}),
    },
    output: {
      path: path.join(__dirname, testHost ? "dist/addin-test" : "dist/addin"),
      filename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.join(__dirname, "tsconfig.json"),
              onlyCompileBundledFiles: true,
              compilerOptions: { noEmit: false, sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./addin/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./addin/commands/commands.html", chunks: ["commands"] }),
      ...(testHost ? [new HtmlWebpackPlugin({ filename: "test-host.html", template: "./addin/taskpane/taskpane.html", chunks: ["test-host"] })] : []),
      ...(copies.length ? [new CopyWebpackPlugin({ patterns: copies })] : []),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
  };
};
