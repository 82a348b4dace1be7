package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An {@code ObjectNode} over a {@link FieldMap}: the objects the interpreter builds (templates, ResultPath copies),
 * whose fields it reaches directly rather than through Jackson's entry views (no view object per node, which a
 * retained history would keep alive).
 */
@SuppressWarnings("unchecked") // ObjectNode.deepCopy() narrows JsonNode.deepCopy()'s type variable
final class FieldNode extends ObjectNode {
    private static final long serialVersionUID = 1L;

    FieldNode(final FieldMap fields) {
        super(Values.NODES, fields);
    }

    /** The fields of {@code node} if the interpreter built it, else null. */
    static FieldMap fieldsOf(final JsonNode node) {
        return node instanceof FieldNode f ? (FieldMap) f._children : null;
    }
}
