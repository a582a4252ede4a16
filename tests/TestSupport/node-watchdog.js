// Runs a node tool's entry point (dynalite, s3rver, maildev), and exits as soon as the process that started it (the
// test host) is gone, so a crashed or killed test run leaves no tool behind.
// Usage: node node-watchdog.js <parent pid> <path to the tool's entry point> [tool options...]
'use strict'

const { pathToFileURL } = require('node:url')

const parentPid = Number(process.argv[2])
const cli = process.argv[3]

setInterval(() => {
  try {
    process.kill(parentPid, 0)
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; only ESRCH means it is gone.
    if (error.code !== 'EPERM') process.exit(0)
  }
}, 500).unref()

// The tools read their options from process.argv.slice(2).
process.argv = [ process.argv[0], cli, ...process.argv.slice(4) ]
try {
  require(cli)
} catch (error) {
  // An ES module (maildev) cannot be required by this Node version; import it instead.
  if (error.code !== 'ERR_REQUIRE_ESM') throw error
  import(pathToFileURL(cli).href).catch(importError => {
    console.error(importError)
    process.exit(1)
  })
}
