<?php
namespace Broken;

use Lib\BeforeTheError;

class Broken extends BeforeTheError
{
    public function f()
    {
        return "a string that never ends;
    }
}
