package dev.stratus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArnTest {

    @Test
    void shouldParseAndFormatEveryPart() {
        Arn arn = Arn.parse("arn:aws:states:us-east-1:111111111111:stateMachine:Orders");
        assertEquals("aws", arn.partition());
        assertEquals("states", arn.service());
        assertEquals("us-east-1", arn.region());
        assertEquals("111111111111", arn.account());
        assertEquals("stateMachine:Orders", arn.resource());
        assertEquals("Orders", arn.resourceName());
        assertEquals("arn:aws:states:us-east-1:111111111111:stateMachine:Orders", arn.toString());
    }

    @Test
    void shouldAcceptGlobalResourcesAndSlashes() {
        Arn bucket = Arn.parse("arn:aws:s3:::my-bucket/key/part");
        assertEquals("", bucket.region());
        assertEquals("", bucket.account());
        assertEquals("part", bucket.resourceName());
        assertEquals("arn:aws:states:::lambda:invoke", Arn.parse("arn:aws:states:::lambda:invoke").toString());
        assertEquals("aws-us-gov", Arn.parse("arn:aws-us-gov:sns:us-gov-west-1:111111111111:t").partition());
    }

    @Test
    void shouldNameThePartThatIsWrong() {
        assertEquals("ARN account must be 12 digits or empty: account=1234, arn=arn:aws:sns:us-east-1:1234:t",
                assertThrows(IllegalArgumentException.class,
                        () -> Arn.parse("arn:aws:sns:us-east-1:1234:t")).getMessage());
        assertEquals("ARN region must look like us-east-1 or be empty: region=moon, "
                + "arn=arn:aws:sns:moon:111111111111:t", assertThrows(IllegalArgumentException.class,
                        () -> Arn.parse("arn:aws:sns:moon:111111111111:t")).getMessage());
        assertEquals("ARN partition must be aws or aws-<name>: partition=gcp, arn=arn:gcp:sns::111111111111:t",
                assertThrows(IllegalArgumentException.class,
                        () -> Arn.parse("arn:gcp:sns::111111111111:t")).getMessage());
        assertEquals("ARN service must be lower-case letters, digits and hyphens: service=SNS, "
                + "arn=arn:aws:SNS::111111111111:t", assertThrows(IllegalArgumentException.class,
                        () -> Arn.parse("arn:aws:SNS::111111111111:t")).getMessage());
        assertEquals("ARN resource must not be empty: resource=, arn=arn:aws:sns:us-east-1:111111111111:",
                assertThrows(IllegalArgumentException.class,
                        () -> Arn.parse("arn:aws:sns:us-east-1:111111111111:")).getMessage());
        assertEquals("ARN must start with 'arn': prefix=urn, arn=urn:aws:sns:us-east-1:111111111111:t",
                assertThrows(IllegalArgumentException.class,
                        () -> Arn.parse("urn:aws:sns:us-east-1:111111111111:t")).getMessage());
        assertEquals("ARN must have 6 parts arn:partition:service:region:account:resource: arn=arn:aws:sns",
                assertThrows(IllegalArgumentException.class, () -> Arn.parse("arn:aws:sns")).getMessage());
        assertEquals("arn", assertThrows(NullPointerException.class, () -> Arn.parse(null)).getMessage());
    }

    @Test
    void shouldTellWhetherTextIsAnArn() {
        assertTrue(Arn.isArn("arn:aws:lambda:us-east-1:111111111111:function:Fn"));
        assertFalse(Arn.isArn("Fn"));
        assertFalse(Arn.isArn(null));
    }
}
