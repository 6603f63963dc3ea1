/**
 * The words the demo catalog is made from. Each leaf category lists the kinds of product it sells,
 * each with a price range in euro cents; names and descriptions combine them with the shared lists.
 */
export interface ProductKind {
  noun: string;
  minCents: number;
  maxCents: number;
  materials: string[];
  uses: string[];
  /** False where the material reads badly in a name ("Terracotta Pot Olive Tree"). */
  materialInName: boolean;
}

export interface DemoCategory {
  slug: string;
  name: string;
  children: { slug: string; name: string; kinds: ProductKind[] }[];
}

const kind = (noun: string, minEuro: number, maxEuro: number, materials: string[], uses: string[], materialInName = true): ProductKind =>
  ({ noun, minCents: minEuro * 100, maxCents: maxEuro * 100, materials, uses, materialInName });

export const CATEGORIES: DemoCategory[] = [
  { slug: 'home-kitchen', name: 'Home & Kitchen', children: [
    { slug: 'cookware', name: 'Cookware', kinds: [
      kind('Frying Pan', 25, 120, ['cast iron', 'carbon steel', 'stainless steel'], ['searing steaks', 'crisp vegetables', 'weekend pancakes']),
      kind('Saucepan', 20, 90, ['stainless steel', 'copper', 'enamelled steel'], ['sauces and soups', 'boiling pasta', 'slow reductions']),
      kind('Dutch Oven', 60, 260, ['enamelled cast iron', 'cast iron'], ['slow braises', 'crusty bread', 'one-pot stews']),
    ] },
    { slug: 'tableware', name: 'Tableware', kinds: [
      kind('Dinner Plate Set', 30, 140, ['stoneware', 'porcelain', 'bone china'], ['everyday meals', 'dinner parties']),
      kind('Serving Bowl', 15, 70, ['walnut', 'olive wood', 'glazed ceramic'], ['salads', 'fruit', 'sharing dishes']),
      kind('Wine Glass Pair', 18, 80, ['crystal glass', 'lead-free crystal'], ['red wines', 'white wines']),
    ] },
    { slug: 'storage', name: 'Storage', kinds: [
      kind('Storage Jar', 8, 35, ['borosilicate glass', 'stoneware'], ['dry goods', 'coffee beans', 'pasta']),
      kind('Bread Bin', 25, 75, ['bamboo', 'enamelled steel', 'oak'], ['keeping bread fresh']),
    ] },
    { slug: 'lighting', name: 'Lighting', kinds: [
      kind('Table Lamp', 35, 220, ['brass', 'linen', 'ceramic'], ['reading corners', 'bedside tables']),
      kind('Pendant Light', 60, 320, ['rattan', 'spun aluminium', 'smoked glass'], ['dining tables', 'kitchen islands']),
    ] },
  ] },
  { slug: 'garden', name: 'Garden', children: [
    { slug: 'garden-tools', name: 'Garden Tools', kinds: [
      kind('Hand Trowel', 9, 40, ['stainless steel', 'forged carbon steel'], ['planting bulbs', 'potting up seedlings']),
      kind('Pruning Shears', 15, 70, ['hardened steel', 'titanium-coated steel'], ['roses', 'fruit trees', 'hedges']),
      kind('Watering Can', 14, 60, ['galvanised steel', 'recycled plastic', 'copper'], ['seedlings', 'balcony pots']),
    ] },
    { slug: 'plants-seeds', name: 'Plants & Seeds', kinds: [
      kind('Herb Seed Collection', 5, 25, ['a compostable paper pouch'], ['kitchen windowsills', 'raised beds'], false),
      kind('Olive Tree', 40, 180, ['a terracotta pot', 'a glazed ceramic pot'], ['sunny patios', 'bright conservatories'], false),
    ] },
    { slug: 'outdoor-furniture', name: 'Outdoor Furniture', kinds: [
      kind('Folding Chair', 35, 140, ['acacia', 'teak', 'powder-coated steel'], ['balconies', 'summer evenings']),
      kind('Bistro Table', 70, 260, ['teak', 'mosaic tile', 'cast aluminium'], ['morning coffee outdoors']),
    ] },
  ] },
  { slug: 'electronics', name: 'Electronics', children: [
    { slug: 'audio', name: 'Audio', kinds: [
      kind('Wireless Headphones', 49, 399, ['aluminium', 'memory foam'], ['long flights', 'focused work', 'commutes']),
      kind('Bluetooth Speaker', 29, 249, ['recycled fabric', 'aluminium'], ['picnics', 'the kitchen', 'the shower']),
    ] },
    { slug: 'computing', name: 'Computing', kinds: [
      kind('Mechanical Keyboard', 59, 229, ['aluminium', 'PBT plastic'], ['long writing sessions', 'programming']),
      kind('Laptop Stand', 25, 95, ['aluminium', 'walnut', 'bamboo'], ['better posture', 'video calls']),
      kind('USB-C Hub', 19, 89, ['aluminium'], ['travel setups', 'home offices']),
    ] },
    { slug: 'cameras', name: 'Cameras', kinds: [
      kind('Camera Strap', 15, 60, ['leather', 'woven nylon'], ['street photography', 'travel']),
      kind('Compact Tripod', 25, 180, ['carbon fibre', 'aluminium'], ['long exposures', 'vlogging']),
    ] },
  ] },
  { slug: 'fashion', name: 'Fashion', children: [
    { slug: 'shoes', name: 'Shoes', kinds: [
      kind('Trail Running Shoe', 79, 179, ['recycled mesh', 'suede'], ['muddy trails', 'long runs']),
      kind('Leather Boot', 99, 289, ['full-grain leather', 'waxed suede'], ['city winters', 'weekend walks']),
    ] },
    { slug: 'bags', name: 'Bags', kinds: [
      kind('Backpack', 45, 220, ['waxed canvas', 'recycled nylon', 'leather'], ['daily commutes', 'weekend trips']),
      kind('Tote Bag', 15, 120, ['organic cotton', 'leather', 'linen'], ['market days', 'the beach']),
    ] },
    { slug: 'accessories', name: 'Accessories', kinds: [
      kind('Wool Scarf', 25, 110, ['merino wool', 'cashmere', 'lambswool'], ['cold mornings', 'layering']),
      kind('Leather Wallet', 29, 140, ['vegetable-tanned leather', 'cork'], ['everyday carry']),
    ] },
  ] },
  { slug: 'sports-outdoors', name: 'Sports & Outdoors', children: [
    { slug: 'camping', name: 'Camping', kinds: [
      kind('Two-Person Tent', 120, 480, ['ripstop nylon', 'polyester'], ['summer festivals', 'mountain trips']),
      kind('Sleeping Bag', 60, 320, ['down', 'synthetic fill'], ['three-season camping', 'cold nights']),
      kind('Camping Stove', 35, 150, ['titanium', 'stainless steel'], ['backcountry cooking', 'morning coffee']),
    ] },
    { slug: 'cycling', name: 'Cycling', kinds: [
      kind('Bike Light Set', 20, 110, ['aluminium', 'silicone'], ['night rides', 'winter commutes']),
      kind('Cycling Helmet', 45, 260, ['EPS foam', 'polycarbonate'], ['road riding', 'city cycling']),
    ] },
    { slug: 'fitness', name: 'Fitness', kinds: [
      kind('Yoga Mat', 20, 120, ['natural rubber', 'cork', 'TPE'], ['daily practice', 'hot yoga']),
      kind('Kettlebell', 25, 140, ['cast iron', 'competition steel'], ['home workouts', 'strength training']),
    ] },
  ] },
  { slug: 'books-stationery', name: 'Books & Stationery', children: [
    { slug: 'notebooks', name: 'Notebooks', kinds: [
      kind('Dot Grid Notebook', 8, 35, ['recycled paper', 'cotton paper'], ['bullet journals', 'sketching ideas']),
      kind('Leather Journal', 25, 90, ['vegetable-tanned leather'], ['travel diaries', 'daily notes']),
    ] },
    { slug: 'writing', name: 'Writing', kinds: [
      kind('Fountain Pen', 20, 260, ['brass', 'resin', 'titanium'], ['letters', 'daily writing']),
      kind('Pencil Set', 6, 40, ['cedar wood', 'graphite'], ['sketching', 'crosswords']),
    ] },
    { slug: 'art-supplies', name: 'Art Supplies', kinds: [
      kind('Watercolour Set', 15, 140, ['a tin case', 'a wooden box'], ['plein-air painting', 'illustration'], false),
      kind('Sketchbook', 9, 45, ['acid-free paper', 'cotton paper'], ['life drawing', 'urban sketching']),
    ] },
  ] },
];

export const ADJECTIVES = ['Classic', 'Everyday', 'Heritage', 'Nordic', 'Studio', 'Field', 'Coastal', 'Urban', 'Alpine', 'Essential', 'Artisan', 'Compact'];

export const FEATURES = [
  'Designed to last for years and to be repaired rather than replaced.',
  'Tested by our team over a full season before it joined the catalog.',
  'Made in a small workshop that pays its makers a living wage.',
  'Ships in plastic-free packaging that can go straight into recycling.',
  'Light enough to carry, sturdy enough to rely on.',
  'Finished by hand, so each one differs slightly from the next.',
];

export const REVIEW_COMMENTS: [number, string][] = [
  [5, 'Exactly as described and beautifully made.'],
  [5, 'Bought one as a gift and then ordered another for myself.'],
  [4, 'Very good quality; delivery took a day longer than promised.'],
  [4, 'Does the job well. The colour is a little darker than the photos.'],
  [3, 'Decent, but I expected more for the price.'],
  [2, 'Arrived scratched; the replacement was fine.'],
  [1, 'Not for me: smaller than I imagined.'],
];
