#!/usr/bin/env node
// Starts dynalite (DynamoDB's API on LevelDB) for the local gateway and its tests.
//
//   node launch.js --port 0 [--path DIR]
//
// Listens on 127.0.0.1 only. Without --path the data is kept in memory. Prints one JSON line,
// {"ready":true,"port":N}, once it accepts requests. It exits when its standard input closes: the
// gateway holds the other end of that pipe, so the engine never outlives the gateway, even after
// kill -9 of the gateway (the kernel closes the pipe of a dead process).
'use strict'

const major = Number(process.versions.node.split('.')[0])
if (major < 20) {
  process.stderr.write('dynalite: Node.js >= 20 is needed, this is ' + process.version + '\n')
  process.exit(1)
}

const dynalite = require('dynalite')

function option (name, fallback) {
  const index = process.argv.indexOf('--' + name)
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback
}

const port = Number(option('port', '0'))
const path = option('path', undefined)

// Tables are ACTIVE at once, as the gateway creates them at start and uses them straight away.
const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })

let stopping = false
function stop (code) {
  if (stopping) return
  stopping = true
  // Closing the server closes LevelDB, so everything acknowledged is on disk when it exits.
  const fallback = setTimeout(() => process.exit(code), 5000)
  fallback.unref()
  server.close(() => process.exit(code))
}

server.on('error', (error) => {
  process.stderr.write('dynalite: ' + error.message + '\n')
  process.exit(1)
})

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ ready: true, port: server.address().port }) + '\n')
})

process.stdin.on('end', () => stop(0))
process.stdin.on('close', () => stop(0))
process.stdin.on('error', () => stop(0))
process.stdin.resume()
process.on('SIGTERM', () => stop(0))
// Ctrl-C reaches the whole process group: the gateway finishes its requests, then closes the pipe.
process.on('SIGINT', () => {})
