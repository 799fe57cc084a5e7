import { namedSchemas, publishedJsonSchema } from '../src/adapters/http/schemas.js';
const n = namedSchemas();
console.log(Object.keys(n).join(' '));
console.log(JSON.stringify(publishedJsonSchema('Person', n.Person!)));
console.log(JSON.stringify(publishedJsonSchema('Post', n.Post!)));
console.log(JSON.stringify(publishedJsonSchema('EligibilityAnswer', n.EligibilityAnswer!)).slice(0, 1500));
