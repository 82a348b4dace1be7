package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The fields of an {@code ObjectNode} the interpreter copies (a ResultPath step copies the root object once per
 * transition): an insertion-ordered map over a key array and a value array, which behaves as a
 * {@code LinkedHashMap} does for everything Jackson and the interpreter call. A copy is two array copies rather
 * than a hash table rebuilt entry by entry, and copies share their key array until one of them adds or removes a
 * key (replacing a value, what a ResultPath step on an existing field does, leaves the keys shared). Small objects
 * are searched linearly; beyond {@link #INDEXED} fields a hash index of the positions is kept.
 */
final class FieldMap implements Map<String, JsonNode> {
    static final int INDEXED = 12;
    private static final String[] NO_KEYS = {};
    private static final JsonNode[] NO_VALUES = {};

    private String[] keys;
    private JsonNode[] values;
    private int size;
    /** Whether {@link #keys} may be shared with another map (copied before a key is added or removed). */
    private boolean keysShared;
    /** Positions by key, only for maps beyond {@link #INDEXED} fields; null until needed. */
    private HashMap<String, Integer> index;
    private int modCount;

    FieldMap(final int capacity) {
        keys = capacity == 0 ? NO_KEYS : new String[capacity];
        values = capacity == 0 ? NO_VALUES : new JsonNode[capacity];
    }

    private FieldMap(final FieldMap from, final int spare) {
        size = from.size;
        keys = from.keys;
        keysShared = true;
        from.keysShared = true;
        values = Arrays.copyOf(from.values, size + spare);
        index = from.index == null ? null : new HashMap<>(from.index);
    }

    /**
     * A map over {@code keys} (distinct, shared with every map built from them and never written) and
     * {@code values} (owned by the new map), both of the same length.
     */
    static FieldMap over(final String[] keys, final JsonNode[] values) {
        FieldMap map = new FieldMap(0);
        map.keys = keys;
        map.values = values;
        map.size = keys.length;
        map.keysShared = true;
        if (map.size > INDEXED) {
            map.index = new HashMap<>(map.size * 2);
            for (int j = 0; j < map.size; j++) {
                map.index.put(keys[j], j);
            }
        }
        return map;
    }

    /** A copy with room for {@code spare} more fields. */
    FieldMap copy(final int spare) {
        return new FieldMap(this, spare);
    }

    /**
     * Whether {@code other} holds the same keys at the same positions because one was copied from the other and
     * neither added nor removed a key since (a size walk then compares values position by position).
     */
    boolean sameKeys(final FieldMap other) {
        return keys == other.keys && size == other.size;
    }

    /** The key at a position, below {@link #size()}. */
    String keyAt(final int position) {
        return keys[position];
    }

    /** The value at a position, below {@link #size()}. */
    JsonNode valueAt(final int position) {
        return values[position];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(final Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public JsonNode get(final Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    private int indexOf(final Object key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        String[] k = keys;
        for (int i = 0; i < size; i++) {
            if (k[i] == key) {
                return i;
            }
        }
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < size; i++) {
            if (key.equals(k[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public JsonNode put(final String key, final JsonNode value) {
        Objects.requireNonNull(key, "key");
        int i = indexOf(key);
        if (i >= 0) {
            JsonNode old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length || keysShared) {
            int capacity = size == keys.length ? Math.max(4, size + (size >> 1) + 1) : keys.length;
            keys = Arrays.copyOf(keys, capacity);
            keysShared = false;
            if (values.length < capacity) {
                values = Arrays.copyOf(values, capacity);
            }
        } else if (size == values.length) {
            values = Arrays.copyOf(values, keys.length);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        modCount++;
        if (index != null) {
            index.put(key, size - 1);
        } else if (size > INDEXED) {
            index = new HashMap<>(size * 2);
            for (int j = 0; j < size; j++) {
                index.put(keys[j], j);
            }
        }
        return null;
    }

    @Override
    public JsonNode remove(final Object key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        JsonNode old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(final int i) {
        if (keysShared) {
            keys = keys.clone();
            keysShared = false;
        }
        int tail = size - i - 1;
        System.arraycopy(keys, i + 1, keys, i, tail);
        System.arraycopy(values, i + 1, values, i, tail);
        size--;
        keys[size] = null;
        values[size] = null;
        modCount++;
        index = null;
        if (size > INDEXED) {
            index = new HashMap<>(size * 2);
            for (int j = 0; j < size; j++) {
                index.put(keys[j], j);
            }
        }
    }

    @Override
    public void clear() {
        keys = NO_KEYS;
        values = NO_VALUES;
        keysShared = false;
        size = 0;
        index = null;
        modCount++;
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
        return new Entries();
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean containsValue(final Object value) {
        for (int i = 0; i < size; i++) {
            if (Objects.equals(values[i], value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void putAll(final Map<? extends String, ? extends JsonNode> from) {
        from.forEach(this::put);
    }

    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean contains(final Object key) {
                return containsKey(key);
            }

            @Override
            public Iterator<String> iterator() {
                return fieldIterator(Map.Entry::getKey);
            }
        };
    }

    @Override
    public Collection<JsonNode> values() {
        return new AbstractCollection<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<JsonNode> iterator() {
                return fieldIterator(Map.Entry::getValue);
            }
        };
    }

    /** The fields in order, each read through {@code part}; removing one removes its field. */
    private <T> Iterator<T> fieldIterator(final Function<Map.Entry<String, JsonNode>, T> part) {
        Iterator<Map.Entry<String, JsonNode>> fields = entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return fields.hasNext();
            }

            @Override
            public T next() {
                return part.apply(fields.next());
            }

            @Override
            public void remove() {
                fields.remove();
            }
        };
    }

    /** As {@link Map#equals}: the same mappings, in any order and any kind of map. */
    @Override
    public boolean equals(final Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map<?, ?> other) || other.size() != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            JsonNode value = values[i];
            Object theirs = other.get(keys[i]);
            if (value == null ? theirs != null || !other.containsKey(keys[i]) : !value.equals(theirs)) {
                return false;
            }
        }
        return true;
    }

    /** As {@link Map#hashCode}: the sum of the entries' hash codes. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) {
            h += keys[i].hashCode() ^ Objects.hashCode(values[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(keys[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }

    private final class Entries extends AbstractSet<Map.Entry<String, JsonNode>> {
        @Override
        public int size() {
            return size;
        }

        @Override
        public Iterator<Map.Entry<String, JsonNode>> iterator() {
            return new Iterator<>() {
                private int next;
                private int last = -1;
                private int expected = modCount;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Map.Entry<String, JsonNode> next() {
                    if (expected != modCount) {
                        throw new ConcurrentModificationException();
                    }
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    last = next++;
                    return new Field(last);
                }

                @Override
                public void remove() {
                    if (last < 0) {
                        throw new IllegalStateException("next() not called, or remove() already called");
                    }
                    if (expected != modCount) {
                        throw new ConcurrentModificationException();
                    }
                    removeAt(last);
                    next = last;
                    last = -1;
                    expected = modCount;
                }
            };
        }
    }

    /** One field, read through to the map (as a LinkedHashMap entry is, while its key stays). */
    private final class Field implements Map.Entry<String, JsonNode> {
        private final String key;
        private final int position;

        Field(final int position) {
            this.key = keys[position];
            this.position = position;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public JsonNode getValue() {
            return position < size && keys[position] == key ? values[position] : get(key);
        }

        @Override
        public JsonNode setValue(final JsonNode value) {
            return put(key, value);
        }

        @Override
        public boolean equals(final Object o) {
            return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
